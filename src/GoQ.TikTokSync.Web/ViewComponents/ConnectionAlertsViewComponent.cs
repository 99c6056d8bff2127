using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Alerts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.ViewComponents;

/// <summary>The red 再認証が必要です and yellow authorization-expiry banners, on every page.</summary>
public class ConnectionAlertsViewComponent(TikTokSyncDbContext db, TimeProvider time, IOptions<MallSettingsOptions> options) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View(await ConnectionAlerts.LoadAsync(db, time, options.Value, HttpContext.RequestAborted));
}
