using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Malls.ChangeSettings;
using GoQ.TikTokSync.Core.Malls.ChangeShop;
using GoQ.TikTokSync.Core.Malls.ChooseMalls;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Setup;

public static class MallsSetup
{
    /// <summary>モール設定: the settings' limits, モール選択, モール詳細設定, 認証 and ショップ変更, 配送業者の対応付け.</summary>
    public static IServiceCollection AddMalls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MallSettingsOptions>()
            .Bind(configuration.GetSection(MallSettingsOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.MinFetchDays <= o.MaxFetchDays, "MallSettings:MinFetchDays must not exceed MaxFetchDays.")
            .ValidateOnStart();
        services.AddShopAuthorization();
        services.AddCarrierMapping();
        services.AddChooseMalls();
        services.AddChangeSettings();
        services.AddChangeShop();
        return services;
    }
}
