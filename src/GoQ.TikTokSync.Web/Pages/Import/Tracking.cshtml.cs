using System.Globalization;
using System.Text;
using GoQ.TikTokSync.Core.Import;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Web.Pages.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.Import;

/// <summary>
/// データ取込 › 伝票番号取込: upload → preview (per line OK / error) → 確定 applies the valid lines in one transaction.
/// The file travels back with the 確定 form (base64), so nothing is kept on the server between the two steps.
/// </summary>
public class TrackingModel(TrackingCsvImport import, OperationHistoryRecorder history) : PageModel
{
    public const int MaxFileBytes = 5 * 1024 * 1024;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public TrackingCsvFormat Format { get; set; }

    [BindProperty]
    public TrackingCsvEncoding FileEncoding { get; set; }

    /// <summary>The previewed file, carried to 確定 and to the error download.</summary>
    [BindProperty]
    public string? FileContent { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    public TrackingCsvPreview? Preview { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "CSVファイルを選択してください。");
            return Page();
        }

        if (Upload.Length > MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Upload), "ファイルが大きすぎます（5MBまで）。");
            return Page();
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        FileContent = Convert.ToBase64String(bytes);
        FileName = Path.GetFileName(Upload.FileName);
        Preview = await import.PreviewAsync(bytes, Format, FileEncoding, cancellationToken);
        return Page();
    }

    /// <summary>確定</summary>
    public async Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken)
    {
        if (!TryFile(out var bytes))
        {
            return Page();
        }

        var (preview, applied) = await import.ApplyAsync(bytes, Format, FileEncoding, User.Identity!.Name!, cancellationToken);
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
        if (!TryFile(out var bytes))
        {
            return Page();
        }

        var preview = await import.PreviewAsync(bytes, Format, FileEncoding, cancellationToken);
        var text = new StringBuilder();
        text.Append("行番号,エラー内容,元の行\r\n");
        foreach (var line in preview.Lines.Where(l => !l.IsValid))
        {
            text.Append(line.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',')
                .Append(Quote(line.Error!)).Append(',').Append(Quote(line.RawLine)).Append("\r\n");
        }

        var content = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return File(content, "text/csv; charset=utf-8", "伝票番号取込_エラー.csv");
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private bool TryFile(out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(FileContent))
        {
            ModelState.AddModelError(nameof(Upload), "CSVファイルを選択してください。");
            return false;
        }

        try
        {
            bytes = Convert.FromBase64String(FileContent);
            return true;
        }
        catch (FormatException)
        {
            ModelState.AddModelError(nameof(Upload), "ファイルを読み取れませんでした。もう一度アップロードしてください。");
            return false;
        }
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
