using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Shipping.EnterTracking;

public static class TrackingEntrySetup
{
    /// <summary>発送情報の入力: packages, tracking numbers and 出荷日 entered on the order page or in bulk.</summary>
    public static IServiceCollection AddTrackingEntry(this IServiceCollection services) => services.AddScoped<ShippingEntry>();
}
