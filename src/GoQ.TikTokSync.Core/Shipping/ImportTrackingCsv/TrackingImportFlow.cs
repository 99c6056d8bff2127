using System.Globalization;
using System.Text;
using GoQ.TikTokSync.Core.Csv;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;

namespace GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;

/// <summary>A previewed file: its lines and the token that brings it back for 確定 or the error download.</summary>
public sealed record TrackingPreviewed(string FileName, TrackingCsvPreview Preview, string UploadToken);

/// <summary>
/// 確定's outcome: <see cref="Problem"/> when the upload cannot be used; <see cref="Conflict"/> (with the preview) when an
/// order changed meanwhile and nothing was applied; otherwise how many lines were applied.
/// </summary>
public sealed record TrackingConfirmed(string? Problem, string? FileName, TrackingCsvPreview? Preview, bool Conflict, int Applied);

/// <summary>
/// データ取込 › 伝票番号取込 step by step: preview (the file waits in <see cref="TrackingCsvUploads"/> for its uploader),
/// 確定 with its 操作履歴 row, and the error lines as a CSV.
/// </summary>
public sealed class TrackingImportFlow(TrackingCsvImport import, TrackingCsvUploads uploads, OperationHistoryRecorder history)
{
    public async Task<TrackingPreviewed> PreviewAsync(byte[] content, string? uploadedName, TrackingCsvFormat format, TrackingCsvEncoding encoding, string userId, CancellationToken cancellationToken)
    {
        var fileName = FileNameOf(uploadedName);
        var preview = await import.PreviewAsync(content, format, encoding, cancellationToken);
        var token = await uploads.SaveAsync(userId, fileName, content, cancellationToken);
        return new(fileName, preview, token);
    }

    /// <summary>確定: applies every valid line or none; the 操作履歴 row names the orders it touched.</summary>
    public async Task<TrackingConfirmed> ConfirmAsync(string? token, string userId, TrackingCsvFormat format, TrackingCsvEncoding encoding, string userName, CancellationToken cancellationToken)
    {
        var (problem, upload) = await FindAsync(token, userId, cancellationToken);
        if (upload is null)
        {
            return new(problem, null, null, false, 0);
        }

        var (preview, applied) = await import.ApplyAsync(upload.Content, format, encoding, userName, cancellationToken);
        if (applied == 0 && preview.ValidCount > 0)
        {
            return new(null, upload.FileName, preview, true, 0);
        }

        if (applied > 0)
        {
            await history.RecordAsync(Record(upload.FileName, preview, applied), cancellationToken);
        }

        await uploads.DeleteAsync(upload.Id, cancellationToken);
        return new(null, upload.FileName, preview, false, applied);
    }

    /// <summary>The error lines as a CSV (UTF-8 with BOM, which Excel opens correctly): the original line plus the reason.</summary>
    public async Task<(string? Problem, byte[]? Content)> ErrorLinesAsync(string? token, string userId, TrackingCsvFormat format, TrackingCsvEncoding encoding, CancellationToken cancellationToken)
    {
        var (problem, upload) = await FindAsync(token, userId, cancellationToken);
        if (upload is null)
        {
            return (problem, null);
        }

        var preview = await import.PreviewAsync(upload.Content, format, encoding, cancellationToken);
        var text = new StringBuilder();
        text.Append("行番号,エラー内容,元の行\r\n");
        // The original line is the carrier's (or anyone's) text: cells Excel would run as a formula are neutralised.
        foreach (var line in preview.Lines.Where(l => !l.IsValid))
        {
            text.Append(SpreadsheetCsv.Cell(line.LineNumber.ToString(CultureInfo.InvariantCulture))).Append(',')
                .Append(SpreadsheetCsv.Cell(line.Error)).Append(',').Append(SpreadsheetCsv.Cell(line.RawLine)).Append("\r\n");
        }

        return (null, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray());
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

    /// <summary>A browser sends the bare name; anything path-like or oversized is trimmed so that it fits the column.</summary>
    private static string FileNameOf(string? uploaded)
    {
        var name = Path.GetFileName(uploaded ?? string.Empty).Trim();
        return name.Length > 200 ? name[..200] : name;
    }

    private async Task<(string? Problem, TrackingCsvUpload? Upload)> FindAsync(string? token, string userId, CancellationToken cancellationToken)
    {
        var (lookup, upload) = await uploads.FindAsync(token, userId, cancellationToken);
        var problem = lookup switch
        {
            TrackingCsvUploadLookup.Found => null,
            TrackingCsvUploadLookup.Expired => "アップロードしたファイルの有効期限が切れました。もう一度ファイルを選択してプレビューしてください。",
            TrackingCsvUploadLookup.OtherUser => "このファイルは別のユーザーがアップロードしたものです。ご自身でファイルを選択してプレビューしてください。",
            _ => "アップロードしたファイルが見つかりません。もう一度ファイルを選択してプレビューしてください。",
        };
        return (problem, upload);
    }

    /// <summary>確定 applies every valid line or none, so the valid lines are exactly the orders it touched.</summary>
    private static OperationRecord Record(string? uploadedName, TrackingCsvPreview preview, int applied)
    {
        var valid = preview.Lines.Where(l => l.IsValid && l.OrderId is not null).ToList();
        var orders = valid.Select(l => (l.OrderId!.Value, l.TikTokOrderId ?? string.Empty)).ToList();
        var fileName = string.IsNullOrWhiteSpace(uploadedName) ? "（ファイル名なし）" : uploadedName;
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

        return new OperationRecord(
            OperationKind.CsvImported,
            $"伝票番号CSV「{fileName}」を取込（{applied.ToString(CultureInfo.InvariantCulture)}件反映）",
            string.Join('\n', details),
            OrderOperationText.TargetUrl(orders, "/Import/Tracking"),
            orders);
    }
}
