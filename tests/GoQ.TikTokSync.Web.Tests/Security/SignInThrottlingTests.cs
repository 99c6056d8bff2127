using System.Net;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using GoQ.TikTokSync.Web.Tests.Users;
using GoQ.TikTokSync.Web.Tests.Webhooks.Receive;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog.Core;

namespace GoQ.TikTokSync.Web.Tests.Security;

/// <summary>
/// Issue 13: sign-in throttled per client address and per account-and-address (so nobody can keep a known admin locked
/// out), unknown accounts indistinguishable from known ones (answers and hashing work), webhooks limited per source
/// address, and floods of refused webhooks logged by sample.
/// </summary>
public sealed class SignInThrottlingTests
{
    private const string Attacker = "198.51.100.66";
    private const string Office = "203.0.113.10";

    private static TikTokSyncWebFactory App(Dictionary<string, string> settings, Action<IServiceCollection>? services = null) => new()
    {
        Settings = settings,
        TestServices = s =>
        {
            ClientAddresses.Install(s);
            services?.Invoke(s);
        },
    };

    private static async Task<HttpResponseMessage> LogInFromAsync(TikTokSyncWebFactory factory, string address, string email, string password) =>
        await FormPosting.PostFormAsync(ClientAddresses.From(factory.CreateBrowserlessClient(), address), "/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    private static string AlertText(string html) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("[role=alert]")?.TextContent.Trim() ?? string.Empty;

    [Fact]
    public async Task WrongPasswords_FromOneAddress_LockThatAddressOnly_AndTheAdminSignsInFromTheOffice()
    {
        await using var factory = App(new Dictionary<string, string> { ["RateLimiting:SignInFailuresPerAccountLimit"] = "3" });
        await factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);

        var answers = new List<string>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            answers.Add(AlertText(await (await LogInFromAsync(factory, Attacker, TikTokSyncWebFactory.AdminEmail, "Wrong-Passw0rd!")).Content.ReadAsStringAsync()));
        }

        const string Locked = "ログインに続けて失敗したため、アカウントを一時的にロックしました。15分後にもう一度お試しください。";
        Assert.Equal(["メールアドレスまたはパスワードが正しくありません。", "メールアドレスまたはパスワードが正しくありません。", Locked, Locked], answers);

        // Even the right password is refused from the guessing address ...
        var fromAttacker = await LogInFromAsync(factory, Attacker, TikTokSyncWebFactory.AdminEmail, TikTokSyncWebFactory.Password);
        Assert.Equal(HttpStatusCode.OK, fromAttacker.StatusCode);
        Assert.Equal(Locked, AlertText(await fromAttacker.Content.ReadAsStringAsync()));

        // ... but the admin at the office is not locked out by someone else's guessing.
        var fromOffice = await LogInFromAsync(factory, Office, TikTokSyncWebFactory.AdminEmail, TikTokSyncWebFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, fromOffice.StatusCode);
        Assert.Null((await UsersTestKit.UserAsync(factory, TikTokSyncWebFactory.AdminEmail)).LockoutEnd);
    }

    [Fact]
    public async Task SignInPosts_OverThePerAddressLimit_Answer429InJapanese_WhileOtherAddressesAndPageViewsGoOn()
    {
        await using var factory = App(new Dictionary<string, string> { ["RateLimiting:SignInPerAddressPermitLimit"] = "3" });
        await factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await LogInFromAsync(factory, Attacker, $"guess{attempt}@example.jp", "Wrong-Passw0rd!")).StatusCode);
        }

        var refused = await LogInFromAsync(factory, Attacker, "guess4@example.jp", "Wrong-Passw0rd!");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("しばらく待ってからもう一度お試しください。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter is not null, "no Retry-After header");
        Assert.Equal(HttpStatusCode.OK, (await ClientAddresses.From(factory.CreateBrowserlessClient(), Attacker).GetAsync("/Account/Login")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LogInFromAsync(factory, Office, TikTokSyncWebFactory.AdminEmail, TikTokSyncWebFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task SignIn_UnknownEmail_RunsThePasswordHasherOnceLikeAKnownOne()
    {
        var hasher = new CountingHasher();
        await using var factory = App(new Dictionary<string, string>(), services => services.AddScoped<IPasswordHasher<AppUser>>(sp =>
        {
            hasher.Inner = new PasswordHasher<AppUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>());
            return hasher;
        }));
        await factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);

        var before = hasher.Verifications;
        await LogInFromAsync(factory, Office, TikTokSyncWebFactory.OperatorEmail, "Wrong-Passw0rd!");
        var forKnown = hasher.Verifications - before;
        before = hasher.Verifications;
        await LogInFromAsync(factory, Office, "nobody@example.jp", "Wrong-Passw0rd!");
        var forUnknown = hasher.Verifications - before;

        Assert.Equal(1, forKnown);
        Assert.Equal(forKnown, forUnknown);
    }

    [Fact]
    public async Task Webhooks_OverThePerAddressLimit_Answer429()
    {
        await using var factory = App(new Dictionary<string, string>(WebhookTestKit.QuickSettings) { ["RateLimiting:WebhookPerAddressPermitLimit"] = "3" });
        var flooding = ClientAddresses.From(factory.CreateClient(), Attacker);

        for (var delivery = 1; delivery <= 3; delivery++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await flooding.PostAsync(WebhookTestKit.OrderStatusChange("576653688135258178", "CANCEL"), "forged")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await flooding.PostAsync(WebhookTestKit.OrderStatusChange("576653688135258178", "CANCEL"), "forged")).StatusCode);
        var tikTok = ClientAddresses.From(factory.CreateClient(), Office);
        Assert.Equal(HttpStatusCode.OK, (await tikTok.PostAsync(WebhookTestKit.OrderStatusChange("576653688135258178", "AWAITING_SHIPMENT", shopId: "7000000000000000001"))).StatusCode);
    }

    [Fact]
    public async Task Webhooks_FloodOfBadSignatures_WritesOneSampledLogLine()
    {
        var log = new CapturingLogSink();
        await using var factory = App(new Dictionary<string, string>(WebhookTestKit.QuickSettings), services => services.AddSingleton<ILogEventSink>(log));
        var flooding = ClientAddresses.From(factory.CreateClient(), Attacker);

        for (var delivery = 1; delivery <= 25; delivery++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await flooding.PostAsync(WebhookTestKit.OrderStatusChange("576653688135258178", "CANCEL"), "forged")).StatusCode);
        }

        Assert.Single(log.Messages(), m => m.Contains("signature missing or wrong", StringComparison.Ordinal));
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private int _verifications;

        public IPasswordHasher<AppUser> Inner { get; set; } = null!;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => Inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return Inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
