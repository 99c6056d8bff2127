using System.Globalization;
using System.Security.Claims;
using System.Text;
using GoQ.TikTokSync.Core.Csv;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping;
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
public class TrackingModel(TrackingCsvImport import, TrackingCsvUploads uploads, IOptions<TrackingCsvUploadOptions> limits, OperationHistoryRecorder history) : PageModel
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
        var bytes = buffer.ToArray();
        FileName = FileNameOf(Upload.FileName);
        Preview = await import.PreviewAsync(bytes, Format, FileEncoding, cancellationToken);
        UploadToken = await uploads.SaveAsync(UserId, FileName, bytes, cancellationToken);
        return Page();
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    /// <summary>A browser sends the bare name; anything path-like or oversized is trimmed so that it fits the column.</summary>
    private static string FileNameOf(string? uploaded)
    {
        var name = Path.GetFileName(uploaded ?? string.Empty).Trim();
        return name.Length > 200 ? name[..200] : name;
    }

    public static string SizeLabel(int bytes) => bytes % (1024 * 1024) == 0
        ? (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "MB"
        : (bytes / 1024).ToString(CultureInfo.InvariantCulture) + "KB";

    /// <summary>確定</summary>
    public async Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken)
    {
        if (await FindUploadAsync(cancellationToken) is not { } upload)
        {
            return Page();
        }

        FileName = upload.FileName;
        var (preview, applied) = await import.ApplyAsync(upload.Content, Format, FileEncoding, User.Identity!.Name!, cancellationToken);
        if (applied == 0 && preview.ValidCount > 0)
        {
            Preview = preview;
            ModelState.AddModelError(nameof(Upload), "取込中に受注が更新されたため、何も反映していません。もう一度プレビューしてから確定してください。");
            return Page();
        }

        if (applied > 0)
        {
            await RecordAsync(preview, applied, cancellationToken);
        }

        await uploads.DeleteAsync(upload.Id, cancellationToken);

        Notice = $"{applied}件の伝票番号を反映しました。" + (preview.ErrorCount > 0 ? $" エラーの{preview.ErrorCount}行は反映していません。" : string.Empty);
        return Redirect("/Import/Tracking");
    }

    /// <summary>確定 applies every valid line or none, so the valid lines are exactly the orders it touched.</summary>
    private async Task RecordAsync(TrackingCsvPreview preview, int applied, CancellationToken cancellationToken)
    {
        var valid = preview.Lines.Where(l => l.IsValid && l.OrderId is not null).ToList();
        var orders = valid.Select(l => (l.OrderId!.Value, l.TikTokOrderId ?? string.Empty)).ToList();
        var fileName = string.IsNullOrWhiteSpace(FileName) ? "（ファイル名なし）" : FileName;
        var details = new List<string>
        {
            "ファイル: " + fileName,
            $"形式: {FormatLabel(preview.Format)}（文字コード: {EncodingLabel(preview.Encoding)}）",
            $"反映: {applied.ToString(CultureInfo.InvariantCulture)}件",
        };
        if (preview.ErrorCount > 0)
        {
            details.Add($"エラーのため反映しなかった行: {preview.ErrorCount.ToString(CultureInfo.InvariantCulture)}件");
        }

        details.AddRange(OrderOperationText.CappedLines(valid.Select(l =>
            $"{l.TikTokOrderId}: {l.Carrier?.JapaneseName()} {l.TrackingNumber} 出荷日 {(string.IsNullOrWhiteSpace(l.ShipDate) ? "当日" : l.ShipDate.Trim())}").ToList()));

        await history.RecordAsync(
            new OperationRecord(
                OperationKind.CsvImported,
                $"伝票番号CSV「{fileName}」を取込（{applied.ToString(CultureInfo.InvariantCulture)}件反映）",
                string.Join('\n', details),
                OrderOperationText.TargetUrl(orders, "/Import/Tracking"),
                orders),
            cancellationToken);
    }

    /// <summary>The error lines as a CSV (UTF-8 with BOM, which Excel opens correctly): the original line plus the reason.</summary>
    public async Task<IActionResult> OnPostErrorsAsync(CancellationToken cancellationToken)
    {
        if (await FindUploadAsync(cancellationToken) is not { } upload)
        {
            return Page();
        }

        var preview = await import.PreviewAsync(upload.Content, Format, FileEncoding, cancellationToken);
        var text = new StringBuilder();
        text.Append("行番号,エラー内容,元の行\r\n");
        // The original line is the carrier's (or anyone's) text: cells Excel would run as a formula are neutralised.
        foreach (var line in preview.Lines.Where(l => !l.IsValid))
        {
            text.Append(SpreadsheetCsv.Cell(line.LineNumber.ToString(CultureInfo.InvariantCulture))).Append(',')
                .Append(SpreadsheetCsv.Cell(line.Error)).Append(',').Append(SpreadsheetCsv.Cell(line.RawLine)).Append("\r\n");
        }

        var content = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return File(content, "text/csv; charset=utf-8", "伝票番号取込_エラー.csv");
    }

    private async Task<TrackingCsvUpload?> FindUploadAsync(CancellationToken cancellationToken)
    {
        var (lookup, upload) = await uploads.FindAsync(UploadToken, UserId, cancellationToken);
        var problem = lookup switch
        {
            TrackingCsvUploadLookup.Found => null,
            TrackingCsvUploadLookup.Expired => "アップロードしたファイルの有効期限が切れました。もう一度ファイルを選択してプレビューしてください。",
            TrackingCsvUploadLookup.OtherUser => "このファイルは別のユーザーがアップロードしたものです。ご自身でファイルを選択してプレビューしてください。",
            _ => "アップロードしたファイルが見つかりません。もう一度ファイルを選択してプレビューしてください。",
        };
        if (problem is not null)
        {
            ModelState.AddModelError(nameof(Upload), problem);
        }

        return upload;
    }

    public static string FormatLabel(TrackingCsvFormat format) => format switch
    {
        TrackingCsvFormat.YamatoB2 => "ヤマト B2クラウド（発行済データ）",
        TrackingCsvFormat.SagawaEHiden => "佐川 e飛伝Ⅲ（出荷履歴）",
        TrackingCsvFormat.Generic => "汎用（注文ID,配送業者,伝票番号,出荷日）",
        _ => "自動判定",
    };

    public static string EncodingLabel(TrackingCsvEncoding encoding) => encoding switch
    {
        TrackingCsvEncoding.Utf8 => "UTF-8",
        TrackingCsvEncoding.ShiftJis => "Shift_JIS",
        _ => "自動判定",
    };
}
