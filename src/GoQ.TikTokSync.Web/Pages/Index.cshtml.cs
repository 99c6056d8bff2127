using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Web.Pages.Orders;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages;

public class IndexModel(TikTokSyncDbContext db) : PageModel
{
    public IReadOnlyList<StatusCount> Counts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Counts = (await OrderStatusCounts.LoadAsync(db, cancellationToken)).PerStatus;
}
