using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Users.Administer;

public static class UserAdministrationSetup
{
    /// <summary>ユーザー管理's rules; the web app registers Identity itself and calls this from its sign-in setup.</summary>
    public static IServiceCollection AddUserAdministration(this IServiceCollection services) => services.AddScoped<UserAdministration>();
}
