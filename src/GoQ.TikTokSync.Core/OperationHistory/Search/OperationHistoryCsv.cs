using System.Text;

namespace GoQ.TikTokSync.Core.OperationHistory.Search;

/// <summary>One line of the 操作履歴 CSV; <see cref="OrderNumbers"/> is space-separated.</summary>
public sealed record OperationHistoryCsvRow(
    DateTime OccurredAtUtc,
    string UserName,
    OperationKind Kind,
    string Summary,
    string? Details,
    string? OrderNumbers,
    string? TargetUrl,
    string? IpAddress);

/// <summary>
/// 操作履歴 as CSV for Excel: UTF-8 with a BOM (without it Excel reads Japanese as Shift_JIS), CRLF lines, every field
/// quoted, written row by row as the query streams so a long history never sits in memory.
/// </summary>
public static class OperationHistoryCsv
{
    public static IReadOnlyList<string> Columns { get; } = ["日時(JST)", "ユーザー", "種別", "内容", "詳細", "受注番号", "対象URL", "IPアドレス"];

    /// <summary>
    /// The rows of an ordered history query. The order numbers come from a correlated aggregate per row, so the outer
    /// query keeps its index order and streams (a join would multiply and re-sort the rows).
    /// </summary>
    public static IQueryable<OperationHistoryCsvRow> Rows(IQueryable<OperationHistoryEntry> orderedEntries) =>
        orderedEntries.Select(e => new OperationHistoryCsvRow(
            e.OccurredAtUtc,
            e.UserName,
            e.Kind,
            e.Summary,
            e.Details,
            string.Join(" ", e.Orders.Select(o => o.OrderNumber)),
            e.TargetUrl,
            e.IpAddress));

    /// <summary>Writes the BOM, the header and every row; returns the number of rows written.</summary>
    public static async Task<int> WriteAsync(IAsyncEnumerable<OperationHistoryCsvRow> rows, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteAsync(Encoding.UTF8.Preamble.ToArray(), cancellationToken);
        var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        await using (writer)
        {
            await writer.WriteAsync(Line(Columns).AsMemory(), cancellationToken);
            var count = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await writer.WriteAsync(FormatRow(row).AsMemory(), cancellationToken);
                count++;
            }

            await writer.FlushAsync(cancellationToken);
            return count;
        }
    }

    public static string FormatRow(OperationHistoryCsvRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Line([
            OperationHistoryQuery.FormatJst(row.OccurredAtUtc),
            row.UserName,
            OperationKinds.Label(row.Kind),
            row.Summary,
            row.Details,
            row.OrderNumbers,
            row.TargetUrl,
            row.IpAddress,
        ]);
    }

    /// <summary>One quoted field, formulas neutralised (<see cref="Csv.SpreadsheetCsv.Cell"/>).</summary>
    public static string Cell(string? value) => Csv.SpreadsheetCsv.Cell(value);

    private static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Cell)) + "\r\n";
}
