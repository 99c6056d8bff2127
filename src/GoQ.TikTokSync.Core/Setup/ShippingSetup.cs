using GoQ.TikTokSync.Core.Shipping.EditPackages;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;
using GoQ.TikTokSync.Core.Shipping.Push;
using GoQ.TikTokSync.Core.Shipping.ShipFromList;
using GoQ.TikTokSync.Core.Shipping.Waybills;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Setup;

public static class ShippingSetup
{
    /// <summary>
    /// 発送: packages entered on 受注詳細 or from 受注一覧, 伝票番号取込, 送り状CSV and データ書出 (the push to TikTok).
    /// </summary>
    public static IServiceCollection AddShipping(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTrackingEntry();
        services.AddEditPackages();
        services.AddShipFromList();
        services.AddTrackingCsvImport(configuration);
        services.AddShippingPush(configuration);
        services.AddWaybills();
        return services;
    }
}
