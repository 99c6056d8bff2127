using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;
using GoQ.TikTokSync.Core.Shipping.Push;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Setup;

public static class ShippingSetup
{
    /// <summary>発送: entering tracking numbers, 伝票番号取込, 送り状CSV and データ書出 (the push to TikTok).</summary>
    public static IServiceCollection AddShipping(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTrackingEntry();
        services.AddTrackingCsvImport(configuration);
        services.AddShippingPush(configuration);
        return services;
    }
}
