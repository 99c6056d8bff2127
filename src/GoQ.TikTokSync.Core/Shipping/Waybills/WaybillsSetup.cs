using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Shipping.Waybills;

public static class WaybillsSetup
{
    /// <summary>送り状CSV出力: the file for the carrier's software and the optional status move of the exported orders.</summary>
    public static IServiceCollection AddWaybills(this IServiceCollection services) => services.AddScoped<WaybillExport>();
}
