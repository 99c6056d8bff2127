using GoQ.TikTokSync.Core.Orders.Home;
using GoQ.TikTokSync.Core.Orders.StatusTallies;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages;

/// <summary>
/// ホーム, the operator's morning view (<see cref="MorningView"/>). Every number links to the 受注一覧 filtered the same way.
/// </summary>
public class IndexModel(MorningView morningView) : PageModel
{
    public IReadOnlyList<StatusCount> Counts { get; private set; } = [];

    public IReadOnlyList<ShopView> Shops { get; private set; } = [];

    /// <summary>Whether any shop has something on today's to-do list.</summary>
    public bool AnythingToDo => Shops.Any(s => s.ToDo.Total > 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        (Counts, Shops) = await morningView.LoadAsync(cancellationToken);
}
