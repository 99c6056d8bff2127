using GoQ.TikTokSync.Core.Import.FetchOrders;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Setup;

public static class ImportSetup
{
    /// <summary>データ取込: fetching orders from TikTok Shop into the store.</summary>
    public static IServiceCollection AddImport(this IServiceCollection services) => services.AddOrderFetching();
}
