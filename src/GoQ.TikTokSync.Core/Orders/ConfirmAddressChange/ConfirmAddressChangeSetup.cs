using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Orders.ConfirmAddressChange;

public static class ConfirmAddressChangeSetup
{
    /// <summary>受注詳細's 住所変更を確認.</summary>
    public static IServiceCollection AddConfirmAddressChange(this IServiceCollection services) => services.AddScoped<AddressChangeConfirmation>();
}
