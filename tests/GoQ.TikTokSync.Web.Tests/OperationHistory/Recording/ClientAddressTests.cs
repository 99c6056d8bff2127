using System.Net;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.OperationHistory.Recording;

/// <summary>
/// 操作履歴's IP address behind a reverse proxy: the forwarded client address is recorded only when the request came
/// from a proxy named in ReverseProxy:KnownProxies; from anyone else the header is ignored (it could be forged).
/// </summary>
public sealed class ClientAddressTests
{
    private const string ProxyAddress = "10.0.0.5";
    private const string ClientAddress = "203.0.113.7";

    private static TikTokSyncWebFactory AppBehindProxy(bool proxyIsTrusted) => new()
    {
        Settings = proxyIsTrusted ? new Dictionary<string, string> { ["ReverseProxy:KnownProxies:0"] = ProxyAddress } : new Dictionary<string, string>(),
        // Every request reaches the app from the proxy's address, as it would on the production network.
        TestServices = services => services.AddTransient<IStartupFilter, FromProxyAddress>(),
    };

    [Theory]
    [InlineData(true, ClientAddress)]
    [InlineData(false, ProxyAddress)]
    public async Task Action_ThroughProxy_RecordsForwardedAddressOnlyFromATrustedProxy(bool proxyIsTrusted, string recorded)
    {
        await using var factory = AppBehindProxy(proxyIsTrusted);
        var admin = await factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        var client = factory.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ClientAddress);
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);
        var mark = await factory.MarkAsync();

        var response = await FormPosting.PostFormAsync(client, "/Settings/Retention", new Dictionary<string, string>
        {
            ["OperationHistoryDays"] = "400",
            ["ProcessingLogDays"] = "90",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await factory.SingleRowAsync(mark, OperationKind.RetentionSettingsSaved, admin.Id, TikTokSyncWebFactory.AdminEmail);
        Assert.Equal(recorded, row.IpAddress);
    }

    private sealed class FromProxyAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(ProxyAddress);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
