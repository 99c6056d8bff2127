using System.Net;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Web.Tests.Users;

/// <summary>
/// Lockout, disabled users, live sessions picking up changes through the security-stamp validation (driven by the app's
/// fake clock, not by waiting) and the forced password change after a one-time password.
/// </summary>
public sealed class SignInHardeningTests : IAsyncLifetime
{
    private static readonly TimeSpan PastValidationInterval = TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TikTokSyncWebFactory _factory;
    private HttpClient _adminClient = null!;

    public SignInHardeningTests() => _factory = new TikTokSyncWebFactory { Time = _time };

    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        _adminClient = await UsersTestKit.SignedInClientAsync(_factory, TikTokSyncWebFactory.AdminEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    [Fact]
    public async Task DisabledUser_LiveSessionIsRejectedAfterTheValidationInterval()
    {
        var user = await _factory.CreateUserAsync("to-be-disabled@example.jp", AppRoles.Operator);
        var session = await UsersTestKit.SignedInClientAsync(_factory, user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Orders")).StatusCode);

        var disabled = await UsersTestKit.PostUsersAsync(_adminClient, "Disable", new Dictionary<string, string> { ["id"] = user.Id });
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        _time.Advance(PastValidationInterval);

        var next = await session.GetAsync("/Orders");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/Account/Login", UsersTestKit.Location(next), StringComparison.Ordinal);

        // The cookie is gone for good, not only for that request.
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/Orders")).StatusCode);
    }

    [Fact]
    public async Task DisabledUser_WhoseStampDidNotChange_LiveSessionIsStillRejected()
    {
        var user = await _factory.CreateUserAsync("disabled-in-store@example.jp", AppRoles.Operator);
        var session = await UsersTestKit.SignedInClientAsync(_factory, user.Email!);

        // Disabled in the store without a new stamp (e.g. by a database script): the stamp check alone would let it pass.
        await _factory.WithDbAsync(async db =>
        {
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
            stored.DisabledAtUtc = _time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
        });
        _time.Advance(PastValidationInterval);

        Assert.StartsWith("/Account/Login", UsersTestKit.Location(await session.GetAsync("/Orders")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledUser_RightPasswordShowsDisabledMessage_WrongPasswordShowsTheGenericOne()
    {
        var user = await _factory.CreateUserAsync("disabled-login@example.jp", AppRoles.Operator);
        Assert.Equal(HttpStatusCode.Redirect, (await UsersTestKit.PostUsersAsync(_adminClient, "Disable", new Dictionary<string, string> { ["id"] = user.Id })).StatusCode);

        var right = await UsersTestKit.LogInAsync(_factory, user.Email!, TikTokSyncWebFactory.Password);
        var wrong = await UsersTestKit.LogInAsync(_factory, user.Email!, "Wrong-Passw0rd!");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("このユーザーは無効になっています。管理者にお問い合わせください。", await BodyAsync(right), StringComparison.Ordinal);
        var wrongHtml = await BodyAsync(wrong);
        Assert.Contains("メールアドレスまたはパスワードが正しくありません。", wrongHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("無効", wrongHtml, StringComparison.Ordinal);

        // Enabled again, the same password signs in.
        Assert.Equal(HttpStatusCode.Redirect, (await UsersTestKit.PostUsersAsync(_adminClient, "Enable", new Dictionary<string, string> { ["id"] = user.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UsersTestKit.LogInAsync(_factory, user.Email!, TikTokSyncWebFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task RoleChange_OperatorToAdmin_ReachesTheLiveSessionAfterTheInterval_AndBackAgain()
    {
        var user = await _factory.CreateUserAsync("promoted@example.jp", AppRoles.Operator);
        var session = await UsersTestKit.SignedInClientAsync(_factory, user.Email!);
        Assert.StartsWith("/Account/AccessDenied", UsersTestKit.Location(await session.GetAsync("/Users")), StringComparison.Ordinal);

        await UsersTestKit.PostUsersAsync(_adminClient, "Role", new Dictionary<string, string> { ["id"] = user.Id, ["role"] = AppRoles.Admin });
        _time.Advance(PastValidationInterval);

        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Users")).StatusCode);

        await UsersTestKit.PostUsersAsync(_adminClient, "Role", new Dictionary<string, string> { ["id"] = user.Id, ["role"] = AppRoles.Operator });
        _time.Advance(PastValidationInterval);

        var demoted = await session.GetAsync("/Users");
        Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", UsersTestKit.Location(demoted), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Orders")).StatusCode);
    }

    [Fact]
    public async Task Lockout_FiveWrongPasswords_ThenTheRightOneShowsTheLockoutMessage()
    {
        var user = await _factory.CreateUserAsync("locked@example.jp", AppRoles.Operator);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var failed = await UsersTestKit.LogInAsync(_factory, user.Email!, "Wrong-Passw0rd!");
            Assert.Contains("メールアドレスまたはパスワードが正しくありません。", await BodyAsync(failed), StringComparison.Ordinal);
        }

        var fifth = await UsersTestKit.LogInAsync(_factory, user.Email!, "Wrong-Passw0rd!");
        var right = await UsersTestKit.LogInAsync(_factory, user.Email!, TikTokSyncWebFactory.Password);

        const string LockedOut = "ログインに続けて失敗したため、アカウントを一時的にロックしました。15分後にもう一度お試しください。";
        Assert.Contains(LockedOut, await BodyAsync(fifth), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(LockedOut, await BodyAsync(right), StringComparison.Ordinal);

        // Counted per e-mail and client address (Security/SignInThrottlingTests), not by Identity's account lockout,
        // which anyone could trip for a known address again and again.
        Assert.Null((await UsersTestKit.UserAsync(_factory, user.Email!)).LockoutEnd);
    }

    [Fact]
    public async Task Lockout_UnknownEmail_GetsTheSameAnswersAsAKnownOne()
    {
        var known = await _factory.CreateUserAsync("known@example.jp", AppRoles.Operator);
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var forKnown = AlertText(await BodyAsync(await UsersTestKit.LogInAsync(_factory, known.Email!, "Wrong-Passw0rd!")));
            var forUnknown = AlertText(await BodyAsync(await UsersTestKit.LogInAsync(_factory, "nobody@example.jp", "Wrong-Passw0rd!")));
            Assert.Equal(forKnown, forUnknown);
            Assert.Equal(attempt < 5 ? "メールアドレスまたはパスワードが正しくありません。" : "ログインに続けて失敗したため、アカウントを一時的にロックしました。15分後にもう一度お試しください。", forUnknown);
        }
    }

    private static string AlertText(string html) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("[role=alert]")?.TextContent.Trim() ?? string.Empty;

    [Fact]
    public async Task FirstSignIn_WithOneTimePassword_OnlyPasswordChangeUntilChanged_ThenOtherSessionsEnd()
    {
        var oneTimePassword = await UsersTestKit.AddUserAndReadPasswordAsync(_adminClient, "newcomer@example.jp", AppRoles.Operator);
        var earlier = await UsersTestKit.SignedInClientAsync(_factory, "newcomer@example.jp", oneTimePassword);
        var client = _factory.CreateBrowserlessClient();
        var signIn = await FormPosting.PostFormAsync(client, "/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = "newcomer@example.jp",
            ["Input.Password"] = oneTimePassword,
        });
        Assert.Equal("/Account/ChangePassword", UsersTestKit.Location(signIn));

        foreach (var page in new[] { "/", "/Orders", "/Import", "/MallSettings", "/Users" })
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page}: {(int)response.StatusCode}");
            Assert.Equal("/Account/ChangePassword", UsersTestKit.Location(response));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/hangfire")).StatusCode);
        var form = await client.GetAsync("/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.NotNull(UsersTestKit.Text(await BodyAsync(form), "password-change-required"));

        var wrongCurrent = await UsersTestKit.ChangePasswordAsync(client, "Not-The-0ne!", UsersTestKit.NewPassword);
        Assert.Contains("現在のパスワードが正しくありません。", await BodyAsync(wrongCurrent), StringComparison.Ordinal);
        Assert.True((await UsersTestKit.UserAsync(_factory, "newcomer@example.jp")).MustChangePassword);

        var changed = await UsersTestKit.ChangePasswordAsync(client, oneTimePassword, UsersTestKit.NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/", UsersTestKit.Location(changed));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Orders")).StatusCode);
        var user = await UsersTestKit.UserAsync(_factory, "newcomer@example.jp");
        Assert.False(user.MustChangePassword);

        // The session signed in earlier still carries the old stamp: it ends at its next validation.
        _time.Advance(PastValidationInterval);
        var old = await earlier.GetAsync("/Orders");
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.StartsWith("/Account/Login", UsersTestKit.Location(old), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Orders")).StatusCode);

        var entry = Assert.Single(await UsersTestKit.HistoryAsync(_factory), e => e.Kind == OperationKind.PasswordChanged);
        Assert.Equal(user.Id, entry.UserId);
        Assert.Equal("newcomer@example.jp", entry.UserName);
        Assert.DoesNotContain(UsersTestKit.NewPassword, string.Join("|", entry.Summary, entry.Details), StringComparison.Ordinal);
        Assert.DoesNotContain(oneTimePassword, string.Join("|", entry.Summary, entry.Details), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_ByAnyUser_EndsTheirOtherSessionsButKeepsThisOne()
    {
        var user = await _factory.CreateUserAsync("changer@example.jp", AppRoles.Operator);
        var other = await UsersTestKit.SignedInClientAsync(_factory, user.Email!);
        var client = await UsersTestKit.SignedInClientAsync(_factory, user.Email!);

        var changed = await UsersTestKit.ChangePasswordAsync(client, TikTokSyncWebFactory.Password, UsersTestKit.NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        _time.Advance(PastValidationInterval);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Orders")).StatusCode);
        Assert.StartsWith("/Account/Login", UsersTestKit.Location(await other.GetAsync("/Orders")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await UsersTestKit.LogInAsync(_factory, user.Email!, UsersTestKit.NewPassword)).StatusCode);
    }
}
