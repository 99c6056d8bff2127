using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Malls.MapCarriers;

public static class CarrierMappingSetup
{
    /// <summary>配送業者の対応付け: TikTok's shipping providers of the shop, mapped to GoQ carriers.</summary>
    public static IServiceCollection AddCarrierMapping(this IServiceCollection services) => services.AddScoped<ShippingProviders>().AddScoped<ProviderChoice>();
}
