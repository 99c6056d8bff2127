using System.Net;
using System.Text.RegularExpressions;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace GoQ.TikTokSync.Web.Tests.Users;

public sealed partial class SetupTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Dictionary<string, string> SetupForm(string email, string password, string code = TikTokSyncWebFactory.SetupCode) => new()
    {
        ["Input.SetupCode"] = code,
        ["Input.DisplayName"] = "管理者",
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    [Fact]
    public async Task AnyPage_NoUserYet_RedirectsToSetup()
    {
        var client = _factory.CreateBrowserlessClient();

        var response = await client.GetAsync("/Orders");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Setup", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Setup_FirstRun_CreatesOneAdminAndThenDisappears()
    {
        var client = _factory.CreateBrowserlessClient();

        var created = await FormPosting.PostFormAsync(client, "/Setup", SetupForm("first@example.jp", "Str0ng-Passw0rd!"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = await users.FindByEmailAsync("first@example.jp");
            Assert.NotNull(admin);
            Assert.True(await users.IsInRoleAsync(admin, AppRoles.Admin));
        }

        var anonymous = _factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Setup")).StatusCode);
    }

    [Fact]
    public async Task Setup_SecondAttemptAfterAdminExists_IsRefusedAndCreatesNothing()
    {
        // A second browser loads the form before the first admin is created and posts it afterwards.
        var second = _factory.CreateBrowserlessClient();
        var staleToken = await FormPosting.GetAntiforgeryTokenAsync(second, "/Setup");
        var first = _factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FormPosting.PostFormAsync(first, "/Setup", SetupForm("first@example.jp", "Str0ng-Passw0rd!"))).StatusCode);

        var form = SetupForm("intruder@example.jp", "Str0ng-Passw0rd!");
        form["__RequestVerificationToken"] = staleToken;
        var response = await second.PostAsync("/Setup", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync("/Setup")).StatusCode);
        await _factory.WithDbAsync(async db => Assert.Equal(1, await db.Users.CountAsync()));
    }

    [Fact]
    public async Task Setup_WeakPassword_ShowsJapaneseMessageAndCreatesNoUser()
    {
        var client = _factory.CreateBrowserlessClient();

        var response = await FormPosting.PostFormAsync(client, "/Setup", SetupForm("first@example.jp", "short"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("パスワードは12文字以上で入力してください。", html, StringComparison.Ordinal);
        await _factory.WithDbAsync(async db => Assert.Equal(0, await db.Users.CountAsync()));
    }

    private static async Task AssertNoUserAsync(TikTokSyncWebFactory factory) =>
        await factory.WithDbAsync(async db => Assert.Equal(0, await db.Users.CountAsync()));

    [Theory]
    [InlineData("WRONG-CODE-0000", "セットアップコードが正しくないか、有効期限が切れています。")]
    [InlineData("", "セットアップコードを入力してください。")]
    public async Task Setup_WrongOrMissingCode_ShowsJapaneseMessageAndCreatesNoUser(string code, string message)
    {
        var client = _factory.CreateBrowserlessClient();

        var response = await FormPosting.PostFormAsync(client, "/Setup", SetupForm("first@example.jp", "Str0ng-Passw0rd!", code));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNoUserAsync(_factory);
    }

    [Fact]
    public async Task Setup_CodeTypedInLowerCaseFullWidthOrWithoutHyphens_IsAccepted()
    {
        var client = _factory.CreateBrowserlessClient();

        var response = await FormPosting.PostFormAsync(client, "/Setup", SetupForm("first@example.jp", "Str0ng-Passw0rd!", "ｔｅｓｔ setupcode 0001"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Setup_CodePastItsLifetime_IsRefused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new TikTokSyncWebFactory { Time = time, Settings = new Dictionary<string, string> { ["Setup:CodeLifetime"] = "01:00:00" } };
        var client = factory.CreateBrowserlessClient();
        var token = await FormPosting.GetAntiforgeryTokenAsync(client, "/Setup");
        time.Advance(TimeSpan.FromHours(1));

        var form = SetupForm("first@example.jp", "Str0ng-Passw0rd!");
        form["__RequestVerificationToken"] = token;
        var response = await client.PostAsync("/Setup", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("有効期限が切れています", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNoUserAsync(factory);
    }

    [Fact]
    public async Task Setup_AnotherNodeClaimedTheFirstAdminMeanwhile_IsRefusedByTheDatabase()
    {
        // This process still believes there is no user (its cache says so, and the user row is not visible yet); the claim
        // row another node committed is what the database checks.
        var client = _factory.CreateBrowserlessClient();
        var token = await FormPosting.GetAntiforgeryTokenAsync(client, "/Setup");
        await _factory.WithDbAsync(async db =>
        {
            db.FirstAdminClaims.Add(new FirstAdminClaim { ClaimedAtUtc = DateTime.UtcNow, AdminUserId = "admin-on-another-node" });
            await db.SaveChangesAsync();
        });

        var form = SetupForm("second@example.jp", "Str0ng-Passw0rd!");
        form["__RequestVerificationToken"] = token;
        var response = await client.PostAsync("/Setup", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertNoUserAsync(_factory);
    }

    [Fact]
    public async Task Setup_TwoBrowsersAtOnce_CreateExactlyOneAdmin()
    {
        var clients = Enumerable.Range(0, 4).Select(_ => _factory.CreateBrowserlessClient()).ToList();
        var tokens = await Task.WhenAll(clients.Select(c => FormPosting.GetAntiforgeryTokenAsync(c, "/Setup")));

        var responses = await Task.WhenAll(clients.Select((client, i) =>
        {
            var form = SetupForm($"admin{i}@example.jp", "Str0ng-Passw0rd!");
            form["__RequestVerificationToken"] = tokens[i];
            return client.PostAsync("/Setup", new FormUrlEncodedContent(form));
        }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        await _factory.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Users.CountAsync());
            Assert.Equal(0, await db.SetupCodes.CountAsync());
        });
    }

    [Fact]
    public async Task Setup_RealInstall_PrintsARandomCodeToTheLogAndOnlyThatCodeWorks()
    {
        var log = new CapturingLogSink();
        await using var factory = new TikTokSyncWebFactory
        {
            FixedSetupCode = false,
            TestServices = services => services.AddSingleton<ILogEventSink>(log),
        };
        var client = factory.CreateBrowserlessClient();

        var printed = SetupCodeInLog().Match(log.Text);
        Assert.True(printed.Success, "no setup code in the log:\n" + log.Text);
        var refused = await FormPosting.PostFormAsync(client, "/Setup", SetupForm("first@example.jp", "Str0ng-Passw0rd!"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var accepted = await FormPosting.PostFormAsync(client, "/Setup", SetupForm("first@example.jp", "Str0ng-Passw0rd!", printed.Groups["code"].Value));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        // Only the hash was stored, and it is gone with the first admin.
        await factory.WithDbAsync(async db => Assert.Equal(0, await db.SetupCodes.CountAsync()));
    }

    [GeneratedRegex("First-run setup code: (?<code>[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}) ")]
    private static partial Regex SetupCodeInLog();
}
