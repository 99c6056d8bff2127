using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Shipping.EditPackages;

public static class EditPackagesSetup
{
    /// <summary>受注詳細's packages: save, 再送信, delete.</summary>
    public static IServiceCollection AddEditPackages(this IServiceCollection services) => services.AddScoped<PackageEdit>();
}
