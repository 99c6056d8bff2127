using System.Net;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Pages;

/// <summary>
/// Issue 8's rule, checked for every page handler the app maps (found from the endpoints, so a new page or handler is
/// covered without editing this test): operators import, edit orders and push; only admins change mall settings, users
/// and 保存期間. The expectation below is written from that rule, not read from the app's own access table.
/// </summary>
public sealed class RoleMatrixTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new();

    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        // Real objects behind the "1" route values, so admins reach the pages themselves rather than a 404.
        await _factory.AddConnectionAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private enum Access
    {
        Allowed,
        Refused,
    }

    private sealed record HandlerRequest(string Method, string Url, string PagePath);

    private static Access Expected(HandlerRequest request, string role)
    {
        if (role == AppRoles.Admin)
        {
            return Access.Allowed;
        }

        var path = request.PagePath;
        bool Under(string folder) => path.Equals(folder, StringComparison.OrdinalIgnoreCase) || path.StartsWith(folder + "/", StringComparison.OrdinalIgnoreCase);
        if (Under("/Users") || Under("/Settings"))
        {
            return Access.Refused;
        }

        // Mall settings: operators may look, never change. ショップ変更 and the carrier mapping are edit screens (their
        // GETs already ask TikTok), and the OAuth callback is a GET that completes 認証.
        string[] editScreens = ["/MallSettings/Details/Shops", "/MallSettings/Details/Carriers", "/MallSettings/Callback"];
        if (Under("/MallSettings") && (request.Method != "GET" || editScreens.Contains(path, StringComparer.OrdinalIgnoreCase)))
        {
            return Access.Refused;
        }

        return Access.Allowed;
    }

    private async Task<List<HandlerRequest>> GetHandlerRequestsAsync()
    {
        var requests = new List<HandlerRequest>();
        foreach (var (url, viewEnginePath, compiled) in await EndpointPaths.CompiledPagesAsync(_factory.Services))
        {
            foreach (var handler in compiled.HandlerMethods)
            {
                var target = handler.Name is null ? url : $"{url}?handler={handler.Name}";
                requests.Add(new HandlerRequest(handler.HttpMethod.ToUpperInvariant(), target, viewEnginePath.EndsWith("/Index", StringComparison.Ordinal) ? viewEnginePath[..^"/Index".Length] : viewEnginePath));
            }
        }

        return requests;
    }


    [Theory]
    [InlineData(AppRoles.Operator)]
    [InlineData(AppRoles.Admin)]
    public async Task EveryPageHandler_ByRole_IsAllowedOrRefusedAsTheRulesSay(string role)
    {
        var requests = await GetHandlerRequestsAsync();
        // The enumeration itself must find the handlers that matter, or the matrix would pass by checking nothing.
        Assert.Contains(requests, r => r.Method == "POST" && r.PagePath == "/MallSettings/Details/Connection");
        Assert.Contains(requests, r => r.Method == "POST" && r.PagePath == "/Users");
        Assert.Contains(requests, r => r.Method == "POST" && r.PagePath == "/Settings/Retention");
        Assert.Contains(requests, r => r.Method == "POST" && r.PagePath == "/Orders");
        Assert.Contains(requests, r => r.Method == "POST" && r.PagePath == "/Export");
        Assert.Contains(requests, r => r.Method == "GET" && r.PagePath == "/OperationHistory");
        Assert.True(requests.Count(r => r.Method == "POST") >= 25, $"only {requests.Count(r => r.Method == "POST")} POST handlers found");

        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, role == AppRoles.Admin ? TikTokSyncWebFactory.AdminEmail : TikTokSyncWebFactory.OperatorEmail);
        var token = await FormPosting.GetAntiforgeryTokenAsync(client, "/");

        var failures = new List<string>();
        // Signing out and the first-run page are checked last and on their own: signing out ends this client's session.
        foreach (var request in requests.OrderBy(r => r.PagePath == "/Account/Logout"))
        {
            if (request.PagePath is "/Account/Login" or "/Setup" or "/Error")
            {
                continue;
            }

            var response = request.Method == "GET"
                ? await client.GetAsync(request.Url)
                : await client.PostAsync(request.Url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            var location = response.Headers.Location?.OriginalString ?? string.Empty;
            var actual = response.StatusCode == HttpStatusCode.Forbidden
                         || (response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/AccessDenied", StringComparison.Ordinal))
                ? Access.Refused
                : Access.Allowed;
            var expected = Expected(request, role);
            // A 5xx is neither allowed nor refused: the handler broke, and that must fail the matrix whatever the role.
            if (actual != expected
                || (int)response.StatusCode >= 500
                || (response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/Login", StringComparison.Ordinal) && request.PagePath != "/Account/Logout")
                || response.StatusCode == HttpStatusCode.BadRequest && request.Method == "POST" && !await IsValidationAnswerAsync(response))
            {
                failures.Add($"{request.Method} {request.Url}: expected {expected}, got {(int)response.StatusCode} {location}");
            }
        }

        Assert.True(failures.Count == 0, $"{role}:\n" + string.Join("\n", failures));
    }

    /// <summary>A 400 is fine for an empty form (the handler validated it); a 400 from antiforgery would hide the rule.</summary>
    private static async Task<bool> IsValidationAnswerAsync(HttpResponseMessage response) =>
        (await response.Content.ReadAsStringAsync()).Contains("<html", StringComparison.OrdinalIgnoreCase);
}
