using System.Net;
using System.Text.RegularExpressions;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Pages;

public sealed class AccessRulesTests : IAsyncLifetime
{
    /// <summary>The only things a stranger may reach.</summary>
    private static readonly string[] AnonymousPaths = ["/Account/Login", "/Account/AccessDenied", "/Setup", "/Error", "/health", "/webhooks/tiktok-shop"];

    private readonly TikTokSyncWebFactory _factory = new();

    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private List<(string Path, bool IsPage)> GetEndpoints()
    {
        var sources = _factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => !e.Metadata.Any(m => m.GetType().Namespace?.StartsWith("Microsoft.AspNetCore.StaticAssets", StringComparison.Ordinal) == true))
            // A pattern that is nothing but a catch-all (the static-file fallback) names no page of its own.
            .Where(e => e.RoutePattern.RawText?.StartsWith("{**", StringComparison.Ordinal) != true)
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => (Path: EndpointPaths.Concrete(e.RoutePattern.RawText ?? "/"), IsPage: e.Metadata.GetMetadata<PageActionDescriptor>() is not null))
            .Where(e => !e.Path.Contains("_framework", StringComparison.Ordinal) && !IsStaticAsset(e.Path))
            .DistinctBy(e => e.Path)
            .ToList();
    }

    private static bool IsStaticAsset(string path) => Regex.IsMatch(path, @"\.(css|js|ico|png|map|woff2?|svg|gz|br|txt)$", RegexOptions.IgnoreCase);


    [Fact]
    public async Task EveryEndpoint_Anonymous_RedirectsPagesToLoginAndRefusesTheRest()
    {
        var endpoints = GetEndpoints();
        Assert.Contains(endpoints, e => e.Path == "/Orders");
        Assert.Contains(endpoints, e => e.Path.StartsWith("/hangfire", StringComparison.Ordinal));

        var client = _factory.CreateBrowserlessClient();
        var failures = new List<string>();
        foreach (var (path, isPage) in endpoints.Where(e => !AnonymousPaths.Any(a => e.Path.StartsWith(a, StringComparison.OrdinalIgnoreCase))))
        {
            var response = await client.GetAsync(path);
            var ok = isPage
                ? response.StatusCode == HttpStatusCode.Redirect
                  && response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) == true
                : response.StatusCode == HttpStatusCode.Unauthorized;
            if (!ok)
            {
                failures.Add($"{path} (page: {isPage}): {(int)response.StatusCode} {response.Headers.Location} ");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Health_Anonymous_ReportsHealthyStore()
    {
        var response = await _factory.CreateBrowserlessClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejected()
    {
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IsRejected()
    {
        var response = await _factory.CreateBrowserlessClient().PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = TikTokSyncWebFactory.AdminEmail,
            ["Input.Password"] = TikTokSyncWebFactory.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsJapaneseMessage()
    {
        var client = _factory.CreateBrowserlessClient();

        var response = await FormPosting.PostFormAsync(client, "/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = TikTokSyncWebFactory.AdminEmail,
            ["Input.Password"] = "wrong-password",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("メールアドレスまたはパスワードが正しくありません。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HangfireDashboard_Admin_IsShown()
    {
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HangfireDashboard_Operator_IsForbidden()
    {
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.OperatorEmail);

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
