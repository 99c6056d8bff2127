using GoQ.TikTokSync.Core.OperationHistory.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace GoQ.TikTokSync.Web.Pages.OperationHistory;

/// <summary>
/// Streams the 操作履歴 CSV straight from the query to the response: rows are read and written one at a time, so a
/// download of the whole history holds no more than one row and the writer's buffer.
/// </summary>
public sealed class OperationHistoryCsvResult(IQueryable<OperationHistoryCsvRow> rows, string fileName) : IActionResult
{
    public string FileName => fileName;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        var disposition = new ContentDispositionHeaderValue("attachment");
        // Sets both filename (ASCII fallback) and filename* (UTF-8), so browsers keep the Japanese name.
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "no-store";
        await OperationHistoryCsv.WriteAsync(rows.AsAsyncEnumerable(), response.Body, context.HttpContext.RequestAborted);
    }
}
