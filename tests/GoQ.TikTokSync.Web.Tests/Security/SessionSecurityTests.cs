using System.Net;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using GoQ.TikTokSync.Web.Tests.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Web.Tests.Security;

/// <summary>
/// Issue 13: sessions end on the server (logout, absolute lifetime), cookies are Secure over HTTPS (also behind a
/// trusted proxy), HSTS in Production, and one-time passwords expire.
/// </summary>
public sealed class SessionSecurityTests
{
    private const string SessionCookie = "goq-tiktoksync";

    /// <summary>A client that keeps no cookies of its own, so a test can copy the session cookie like a thief would.</summary>
    private sealed class CookieCopy(HttpClient client)
    {
        public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, IDictionary<string, string>? form = null)
        {
            using var request = new HttpRequestMessage(method, url);
            if (Cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => c.Key + "=" + c.Value)));
            }

            if (form is not null)
            {
                request.Content = new FormUrlEncodedContent(form);
            }

            var response = await client.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0];
                var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
                var value = pair[(name.Length + 1)..];
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    Cookies.Remove(name);
                }
                else
                {
                    Cookies[name] = value;
                }
            }

            return response;
        }

        public async Task<HttpResponseMessage> PostFormAsync(string url, string tokenPage, IDictionary<string, string> fields)
        {
            var page = await SendAsync(HttpMethod.Get, tokenPage);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var token = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            return await SendAsync(HttpMethod.Post, url, new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token });
        }

        public async Task SignInAsync(string email, string password = TikTokSyncWebFactory.Password)
        {
            var response = await PostFormAsync("/Account/Login", "/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }

    private static HttpClient RawClient(TikTokSyncWebFactory factory, string baseAddress = "http://localhost") =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(baseAddress) });

    [Fact]
    public async Task Logout_CopiedSessionCookie_StopsWorkingAtOnce()
    {
        await using var factory = new TikTokSyncWebFactory();
        await factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        var owner = new CookieCopy(RawClient(factory));
        await owner.SignInAsync(TikTokSyncWebFactory.AdminEmail);
        var thief = new CookieCopy(RawClient(factory));
        foreach (var cookie in owner.Cookies)
        {
            thief.Cookies[cookie.Key] = cookie.Value;
        }

        Assert.Equal(HttpStatusCode.OK, (await thief.SendAsync(HttpMethod.Get, "/Orders")).StatusCode);

        var logout = await owner.PostFormAsync("/Account/Logout", "/", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        // No clock moves: the copied cookie is refused on its very next request, not at the next periodic validation.
        var after = await thief.SendAsync(HttpMethod.Get, "/Orders");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", UsersTestKit.Location(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_UsedThroughout_EndsAtTheAbsoluteLifetime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new TikTokSyncWebFactory { Time = time };
        await factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        var session = await UsersTestKit.SignedInClientAsync(factory, TikTokSyncWebFactory.OperatorEmail);

        // Busy all day: a request every three hours keeps the sliding (idle) expiry far away.
        for (var hours = 3; hours <= 9; hours += 3)
        {
            time.Advance(TimeSpan.FromHours(3));
            Assert.True((await session.GetAsync("/Orders")).StatusCode == HttpStatusCode.OK, $"session ended after {hours} h");
        }

        time.Advance(TimeSpan.FromHours(3));
        var expired = await session.GetAsync("/Orders");

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/Account/Login", UsersTestKit.Location(expired), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_AbsoluteLifetime_IsConfigurable()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new TikTokSyncWebFactory { Time = time, Settings = new Dictionary<string, string> { ["Sessions:AbsoluteLifetime"] = "02:00:00" } };
        await factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        var session = await UsersTestKit.SignedInClientAsync(factory, TikTokSyncWebFactory.OperatorEmail);

        time.Advance(TimeSpan.FromMinutes(119));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Orders")).StatusCode);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/Orders")).StatusCode);
    }

    [Theory]
    [InlineData("https://goq.example.jp", false)]
    [InlineData("http://goq.example.jp", true)]
    public async Task Https_DirectOrThroughTrustedProxy_CookiesAreSecureAndHstsIsSentInProduction(string baseAddress, bool throughProxy)
    {
        await using var factory = new TikTokSyncWebFactory
        {
            EnvironmentName = "Production",
            FixedSetupCode = false,
            Settings = new Dictionary<string, string> { ["ReverseProxy:KnownProxies:0"] = "10.0.0.5" },
            TestServices = ClientAddresses.Install,
        };
        await factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        var client = RawClient(factory, baseAddress);
        if (throughProxy)
        {
            ClientAddresses.From(client, "10.0.0.5");
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        }

        var browser = new CookieCopy(client);
        var loginPage = await browser.SendAsync(HttpMethod.Get, "/Account/Login");
        var signIn = await browser.PostFormAsync("/Account/Login", "/Account/Login", new Dictionary<string, string> { ["Input.Email"] = TikTokSyncWebFactory.AdminEmail, ["Input.Password"] = TikTokSyncWebFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = loginPage.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.True(loginPage.Headers.Contains("Strict-Transport-Security"), "no HSTS header over HTTPS in Production");
    }

    [Fact]
    public async Task PlainHttp_FromAnUntrustedSender_CookiesAreNotSecureAndNoHsts()
    {
        await using var factory = new TikTokSyncWebFactory { EnvironmentName = "Production", FixedSetupCode = false };
        await factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        var client = RawClient(factory, "http://goq.example.jp");
        // Without a configured proxy nobody's X-Forwarded-Proto is believed.
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var loginPage = await client.GetAsync("/Account/Login");

        Assert.DoesNotContain(loginPage.Headers.GetValues("Set-Cookie"), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.False(loginPage.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task OneTimePassword_PastItsLifetime_CannotSignInAndTheUserListSaysExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new TikTokSyncWebFactory { Time = time };
        await factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        var admin = await UsersTestKit.SignedInClientAsync(factory, TikTokSyncWebFactory.AdminEmail);
        var fresh = await UsersTestKit.AddUserAndReadPasswordAsync(admin, "fresh@example.jp", AppRoles.Operator);
        var stale = await UsersTestKit.AddUserAndReadPasswordAsync(admin, "stale@example.jp", AppRoles.Operator);

        time.Advance(TimeSpan.FromHours(71));
        Assert.Equal("/Account/ChangePassword", UsersTestKit.Location(await UsersTestKit.LogInAsync(factory, "fresh@example.jp", fresh)));
        time.Advance(TimeSpan.FromHours(1));
        var refused = await UsersTestKit.LogInAsync(factory, "stale@example.jp", stale);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("初期パスワードの有効期限が切れています。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Three days on, the admin's own session has long ended (absolute lifetime): they sign in again.
        admin = await UsersTestKit.SignedInClientAsync(factory, TikTokSyncWebFactory.AdminEmail);
        var list = new HtmlParser().ParseDocument(await admin.GetStringAsync("/Users"));
        var staleRow = list.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("stale@example.jp", StringComparison.Ordinal));
        Assert.Contains("期限切れ", staleRow.TextContent, StringComparison.Ordinal);

        // A wrong password for that user still gets only the generic answer.
        var wrong = await UsersTestKit.LogInAsync(factory, "stale@example.jp", "Wrong-Passw0rd!");
        Assert.DoesNotContain("有効期限", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Re-issuing gives a new 72-hour password.
        Assert.Equal(HttpStatusCode.OK, (await UsersTestKit.PostUsersAsync(admin, "ResetPassword", new Dictionary<string, string> { ["id"] = (await UsersTestKit.UserAsync(factory, "stale@example.jp")).Id })).StatusCode);
        Assert.Null((await UsersTestKit.UserAsync(factory, "stale@example.jp")).LockoutEnd);
        Assert.True((await UsersTestKit.UserAsync(factory, "stale@example.jp")).OneTimePasswordExpiresAtUtc > time.GetUtcNow().UtcDateTime.AddHours(71));
    }
}
