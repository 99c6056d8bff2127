using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Malls.ChooseMalls;

public static class ChooseMallsSetup
{
    /// <summary>モール選択's save and 追加.</summary>
    public static IServiceCollection AddChooseMalls(this IServiceCollection services) => services.AddScoped<MallChoice>();
}
