using System.Net;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Users.Administer;
using GoQ.TikTokSync.Web.Tests.Infrastructure;

namespace GoQ.TikTokSync.Web.Tests.Users;

/// <summary>各種設定 › ユーザー管理 through the real app: who may use it, what it shows, what each action changes and records.</summary>
public sealed class UserManagementPageTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new();
    private AppUser _admin = null!;
    private HttpClient _adminClient = null!;

    public async Task InitializeAsync()
    {
        _admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        _adminClient = await UsersTestKit.SignedInClientAsync(_factory, TikTokSyncWebFactory.AdminEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Dictionary<string, string> Id(AppUser user) => new() { ["id"] = user.Id };

    [Fact]
    public async Task Operator_GetAndEveryPostHandler_AreSentToAccessDeniedAndChangeNothing()
    {
        var target = await _factory.CreateUserAsync("target-of-operator@example.jp", AppRoles.Operator);
        var operatorClient = await UsersTestKit.SignedInClientAsync(_factory, TikTokSyncWebFactory.OperatorEmail);
        var historyBefore = (await UsersTestKit.HistoryAsync(_factory)).Count;

        var get = await operatorClient.GetAsync("/Users");
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", UsersTestKit.Location(get), StringComparison.Ordinal);

        // A valid antiforgery token (from a page the operator may open), so only authorization can refuse.
        var posts = new (string Handler, Dictionary<string, string> Fields)[]
        {
            ("Add", new() { ["NewUser.DisplayName"] = "侵入者", ["NewUser.Email"] = "intruder@example.jp", ["NewUser.Role"] = AppRoles.Admin }),
            ("Role", new() { ["id"] = target.Id, ["role"] = AppRoles.Admin }),
            ("Disable", Id(target)),
            ("Enable", Id(target)),
            ("ResetPassword", Id(target)),
        };
        foreach (var (handler, fields) in posts)
        {
            var response = await UsersTestKit.PostUsersAsync(operatorClient, handler, fields, tokenPage: "/Account/ChangePassword");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {(int)response.StatusCode}");
            Assert.StartsWith("/Account/AccessDenied", UsersTestKit.Location(response), StringComparison.Ordinal);
        }

        var after = await UsersTestKit.UserAsync(_factory, target.Email!);
        Assert.False(after.IsDisabled);
        Assert.Equal(target.PasswordHash, after.PasswordHash);
        Assert.Equal(historyBefore, (await UsersTestKit.HistoryAsync(_factory)).Count);
        await _factory.WithDbAsync(db => { Assert.False(db.Users.Any(u => u.Email == "intruder@example.jp")); return Task.CompletedTask; });
    }

    [Fact]
    public async Task List_ShowsRolesStateAndLastSignInInJapanese()
    {
        await _factory.CreateUserAsync("never-signed-in@example.jp", AppRoles.Operator);

        var html = await _adminClient.GetStringAsync("/Users");

        var rows = new HtmlParser().ParseDocument(html).QuerySelectorAll("[data-testid=user-row]").ToDictionary(r => r.GetAttribute("data-email")!, r => r);
        Assert.Equal("管理者", rows[TikTokSyncWebFactory.AdminEmail].QuerySelector("[data-testid=user-role]")!.TextContent.Trim());
        Assert.Equal("オペレーター", rows["never-signed-in@example.jp"].QuerySelector("[data-testid=user-role]")!.TextContent.Trim());
        Assert.Contains("未ログイン", rows["never-signed-in@example.jp"].TextContent, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}/\d{2}/\d{2} \d{2}:\d{2}", rows[TikTokSyncWebFactory.AdminEmail].TextContent);
        Assert.Equal("有効", rows["never-signed-in@example.jp"].QuerySelector("[data-testid=user-state]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Add_ShowsOneTimePasswordOnceAndRecordsOneRowWithoutIt()
    {
        var historyBefore = (await UsersTestKit.HistoryAsync(_factory)).Count;

        var response = await UsersTestKit.AddUserAsync(_adminClient, "new-operator@example.jp", AppRoles.Operator, "鈴木 一郎");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "the page with the password must not be cached");
        var html = await response.Content.ReadAsStringAsync();
        var password = UsersTestKit.OneTimePasswordIn(html);
        Assert.Contains("new-operator@example.jp", UsersTestKit.Text(html, "one-time-password-panel"), StringComparison.Ordinal);

        var user = await UsersTestKit.UserAsync(_factory, "new-operator@example.jp");
        Assert.True(user.MustChangePassword);
        Assert.True(user.EmailConfirmed);
        Assert.Equal("鈴木 一郎", user.DisplayName);

        // Shown once: the next visit to the page does not have it.
        var again = await _adminClient.GetStringAsync("/Users");
        Assert.DoesNotContain(password, again, StringComparison.Ordinal);
        Assert.Null(UsersTestKit.Text(again, "one-time-password"));
        var row = new HtmlParser().ParseDocument(again).QuerySelector($"#user-{user.Id} [data-testid=user-state]")!.TextContent;
        Assert.Contains("初期パスワード未変更", row, StringComparison.Ordinal);

        var history = (await UsersTestKit.HistoryAsync(_factory)).Skip(historyBefore).ToList();
        var entry = Assert.Single(history);
        Assert.Equal(OperationKind.UserAdded, entry.Kind);
        Assert.Equal(_admin.Id, entry.UserId);
        Assert.Equal(TikTokSyncWebFactory.AdminEmail, entry.UserName);
        Assert.Equal("ユーザー new-operator@example.jp (鈴木 一郎) を追加 (権限: オペレーター)", entry.Summary);
        Assert.Equal("/Users#user-" + user.Id, entry.TargetUrl);
        Assert.DoesNotContain(password, string.Join("|", entry.Summary, entry.Details, entry.TargetUrl, entry.UserName, entry.IpAddress), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_DuplicateEmailOrInvalidInput_ShowsFieldMessagesAndAddsNothing()
    {
        var historyBefore = (await UsersTestKit.HistoryAsync(_factory)).Count;

        var duplicate = await UsersTestKit.AddUserAsync(_adminClient, TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        var invalid = await UsersTestKit.PostUsersAsync(_adminClient, "Add", new Dictionary<string, string>
        {
            ["NewUser.DisplayName"] = "",
            ["NewUser.Email"] = "not-an-address",
            ["NewUser.Role"] = AppRoles.Operator,
        });

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var duplicateHtml = await duplicate.Content.ReadAsStringAsync();
        Assert.Contains($"メールアドレス {TikTokSyncWebFactory.OperatorEmail} は既に登録されています。", duplicateHtml, StringComparison.Ordinal);
        Assert.Null(UsersTestKit.Text(duplicateHtml, "one-time-password"));
        var invalidHtml = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("表示名を入力してください。", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("メールアドレスの形式が正しくありません。", invalidHtml, StringComparison.Ordinal);
        Assert.Equal(historyBefore, (await UsersTestKit.HistoryAsync(_factory)).Count);
        await _factory.WithDbAsync(db => { Assert.False(db.Users.Any(u => u.Email == "not-an-address")); return Task.CompletedTask; });
    }

    [Fact]
    public async Task SelfDisableAndSelfDemotion_AreRefusedWithMessageAndChangeNothing()
    {
        await _factory.CreateUserAsync("second-admin@example.jp", AppRoles.Admin);
        var historyBefore = (await UsersTestKit.HistoryAsync(_factory)).Count;

        var disable = await UsersTestKit.PostUsersAsync(_adminClient, "Disable", Id(_admin));
        var demote = await UsersTestKit.PostUsersAsync(_adminClient, "Role", new Dictionary<string, string> { ["id"] = _admin.Id, ["role"] = AppRoles.Operator });

        Assert.Equal("自分自身を無効にすることはできません。", UsersTestKit.Text(await disable.Content.ReadAsStringAsync(), "users-refusal"));
        Assert.Equal("自分自身の権限は変更できません。別の管理者に依頼してください。", UsersTestKit.Text(await demote.Content.ReadAsStringAsync(), "users-refusal"));
        var admin = await UsersTestKit.UserAsync(_factory, TikTokSyncWebFactory.AdminEmail);
        Assert.False(admin.IsDisabled);
        Assert.Equal(HttpStatusCode.OK, (await _adminClient.GetAsync("/Users")).StatusCode);
        Assert.Equal(historyBefore, (await UsersTestKit.HistoryAsync(_factory)).Count);
    }

    [Fact]
    public async Task EachAction_WritesExactlyOneRowWithActingAdminKindAndTarget_NeverAPassword()
    {
        var addResponse = await UsersTestKit.AddUserAsync(_adminClient, "history-target@example.jp", AppRoles.Operator);
        var firstPassword = UsersTestKit.OneTimePasswordIn(await addResponse.Content.ReadAsStringAsync());
        var target = await UsersTestKit.UserAsync(_factory, "history-target@example.jp");
        var passwords = new List<string> { firstPassword, TikTokSyncWebFactory.Password };
        var expected = new List<(OperationKind Kind, string Summary)> { (OperationKind.UserAdded, "ユーザー history-target@example.jp (新しい担当者) を追加 (権限: オペレーター)") };

        async Task ActAsync(string handler, Dictionary<string, string> fields, OperationKind kind, string summary)
        {
            var before = (await UsersTestKit.HistoryAsync(_factory)).Count;
            var response = await UsersTestKit.PostUsersAsync(_adminClient, handler, fields);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{handler}: {(int)response.StatusCode}");
            if (handler == "ResetPassword")
            {
                passwords.Add(UsersTestKit.OneTimePasswordIn(await response.Content.ReadAsStringAsync()));
            }

            Assert.Equal(before + 1, (await UsersTestKit.HistoryAsync(_factory)).Count);
            expected.Add((kind, summary));
        }

        await ActAsync("Role", new() { ["id"] = target.Id, ["role"] = AppRoles.Admin }, OperationKind.UserRoleChanged, "history-target@example.jp の権限を変更: オペレーター → 管理者");
        await ActAsync("Role", new() { ["id"] = target.Id, ["role"] = AppRoles.Operator }, OperationKind.UserRoleChanged, "history-target@example.jp の権限を変更: 管理者 → オペレーター");
        await ActAsync("Disable", Id(target), OperationKind.UserDisabled, "ユーザー history-target@example.jp を無効化");
        await ActAsync("Enable", Id(target), OperationKind.UserEnabled, "ユーザー history-target@example.jp を有効化");
        await ActAsync("ResetPassword", Id(target), OperationKind.UserPasswordReset, "ユーザー history-target@example.jp のパスワードを再発行");

        var rows = (await UsersTestKit.HistoryAsync(_factory)).Where(r => r.TargetUrl == "/Users#user-" + target.Id).ToList();
        Assert.Equal(expected, rows.Select(r => (r.Kind, r.Summary)));
        Assert.All(rows, r =>
        {
            Assert.Equal(_admin.Id, r.UserId);
            Assert.Equal(TikTokSyncWebFactory.AdminEmail, r.UserName);
        });
        var everyColumn = string.Join("|", (await UsersTestKit.HistoryAsync(_factory)).Select(r => string.Join("|", r.Summary, r.Details, r.TargetUrl, r.UserName, r.UserId, r.IpAddress)));
        Assert.All(passwords, p => Assert.DoesNotContain(p, everyColumn, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Role")]
    [InlineData("Disable")]
    [InlineData("Enable")]
    [InlineData("ResetPassword")]
    public async Task RowAction_UnknownOrMissingUser_ShowsMessageAndRecordsNothing(string handler)
    {
        var historyBefore = (await UsersTestKit.HistoryAsync(_factory)).Count;

        var unknown = await UsersTestKit.PostUsersAsync(_adminClient, handler, new Dictionary<string, string> { ["id"] = "no-such-user", ["role"] = AppRoles.Admin });
        var missing = await UsersTestKit.PostUsersAsync(_adminClient, handler, new Dictionary<string, string>());

        foreach (var response in new[] { unknown, missing })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ユーザーが見つかりません。画面を再読み込みしてください。", UsersTestKit.Text(await response.Content.ReadAsStringAsync(), "users-refusal"));
        }

        Assert.Equal(historyBefore, (await UsersTestKit.HistoryAsync(_factory)).Count);
    }

    [Fact]
    public async Task ResetPassword_OldPasswordStopsWorkingAndTheNewOneLeadsToPasswordChange()
    {
        var target = await _factory.CreateUserAsync("forgetful@example.jp", AppRoles.Operator);

        var response = await UsersTestKit.PostUsersAsync(_adminClient, "ResetPassword", Id(target));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var password = UsersTestKit.OneTimePasswordIn(await response.Content.ReadAsStringAsync());
        var old = await UsersTestKit.LogInAsync(_factory, target.Email!, TikTokSyncWebFactory.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Contains("メールアドレスまたはパスワードが正しくありません。", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var fresh = await UsersTestKit.LogInAsync(_factory, target.Email!, password);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal("/Account/ChangePassword", UsersTestKit.Location(fresh));
    }
}
