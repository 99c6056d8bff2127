using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.MallSettings.Details;

/// <summary>モール詳細設定: 出店中のモール一覧 (connections in use).</summary>
public class IndexModel(TikTokSyncDbContext db) : PageModel
{
    public IReadOnlyList<MallConnection> Connections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Connections = await db.MallConnections.AsNoTracking()
            .Where(c => c.IsEnabled)
            .OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
}
