using System.Globalization;
using System.Security.Claims;
using GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.Pages.Import;

/// <summary>
/// データ取込 › 伝票番号取込: upload → preview (per line OK / error) → 確定 applies the valid lines in one transaction.
/// The previewed file waits in the store under a random token bound to the uploader (<see cref="TrackingCsvUploads"/>), so
/// any node can confirm it and its size is limited by the upload alone, not by a form field carrying it back.
/// </summary>
public class TrackingModel(TrackingImportFlow flow, IOptions<TrackingCsvUploadOptions> limits) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public TrackingCsvFormat Format { get; set; }

    [BindProperty]
    public TrackingCsvEncoding FileEncoding { get; set; }

    /// <summary>The previewed file's token, carried to 確定 and to the error download.</summary>
    [BindProperty]
    public string? UploadToken { get; set; }

    public string? FileName { get; private set; }

    public int MaxFileBytes => limits.Value.MaxFileBytes;

    public TrackingCsvPreview? Preview { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>Set by the upload limit filter when a file was too big to even read.</summary>
    public const string TooLargeQuery = "tooLarge";

    public void OnGet([FromQuery(Name = TooLargeQuery)] bool tooLarge = false)
    {
        if (tooLarge)
        {
            ModelState.AddModelError(nameof(Upload), $"ファイルが大きすぎます（{SizeLabel(MaxFileBytes)}まで）。");
        }
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        // A body over the request limit never binds: tell the size rather than "choose a file".
        if (Upload is null && Request.ContentLength > MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"ファイルが大きすぎます（{SizeLabel(MaxFileBytes)}まで）。");
            return Page();
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "CSVファイルを選択してください。");
            return Page();
        }

        var maxBytes = limits.Value.MaxFileBytes;
        if (Upload.Length > maxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"ファイルが大きすぎます（{SizeLabel(maxBytes)}まで）。");
            return Page();
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, cancellationToken);
        var previewed = await flow.PreviewAsync(buffer.ToArray(), Upload.FileName, Format, FileEncoding, UserId, cancellationToken);
        (FileName, Preview, UploadToken) = (previewed.FileName, previewed.Preview, previewed.UploadToken);
        return Page();
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public static string SizeLabel(int bytes) => bytes % (1024 * 1024) == 0
        ? (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "MB"
        : (bytes / 1024).ToString(CultureInfo.InvariantCulture) + "KB";

    /// <summary>確定</summary>
    public async Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken)
    {
        var confirmed = await flow.ConfirmAsync(UploadToken, UserId, Format, FileEncoding, User.Identity!.Name!, cancellationToken);
        if (confirmed.Problem is not null)
        {
            ModelState.AddModelError(nameof(Upload), confirmed.Problem);
            return Page();
        }

        FileName = confirmed.FileName;
        if (confirmed.Conflict)
        {
            Preview = confirmed.Preview;
            ModelState.AddModelError(nameof(Upload), "取込中に受注が更新されたため、何も反映していません。もう一度プレビューしてから確定してください。");
            return Page();
        }

        var errors = confirmed.Preview!.ErrorCount;
        Notice = $"{confirmed.Applied}件の伝票番号を反映しました。" + (errors > 0 ? $" エラーの{errors}行は反映していません。" : string.Empty);
        return Redirect("/Import/Tracking");
    }

    /// <summary>The error lines as a CSV to correct and upload again.</summary>
    public async Task<IActionResult> OnPostErrorsAsync(CancellationToken cancellationToken)
    {
        var (problem, content) = await flow.ErrorLinesAsync(UploadToken, UserId, Format, FileEncoding, cancellationToken);
        if (content is null)
        {
            ModelState.AddModelError(nameof(Upload), problem!);
            return Page();
        }

        return File(content, "text/csv; charset=utf-8", "伝票番号取込_エラー.csv");
    }
}
