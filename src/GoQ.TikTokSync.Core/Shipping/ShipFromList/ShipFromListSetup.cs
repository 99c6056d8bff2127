using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Shipping.ShipFromList;

public static class ShipFromListSetup
{
    /// <summary>受注一覧's bulk 配送業者・出荷日 and 伝票番号.</summary>
    public static IServiceCollection AddShipFromList(this IServiceCollection services) => services.AddScoped<ShippingFromList>();
}
