using System.Net;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Web.Tests.Infrastructure;

namespace GoQ.TikTokSync.Web.Tests.Users;

/// <summary>初期設定 on a store with no user yet: the first admin's creation is the first 操作履歴 row.</summary>
public sealed class FirstAdminHistoryTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _fresh = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fresh.DisposeAsync();

    [Fact]
    public async Task Setup_FirstAdmin_IsRecordedAsUserAddedByThemself()
    {
        var client = _fresh.CreateBrowserlessClient();

        var response = await FormPosting.PostFormAsync(client, "/Setup", new Dictionary<string, string>
        {
            ["Input.SetupCode"] = TikTokSyncWebFactory.SetupCode,
            ["Input.DisplayName"] = "最初の管理者",
            ["Input.Email"] = "first@example.jp",
            ["Input.Password"] = "Str0ng-Passw0rd!",
            ["Input.ConfirmPassword"] = "Str0ng-Passw0rd!",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var admin = await UsersTestKit.UserAsync(_fresh, "first@example.jp");
        var entry = Assert.Single(await UsersTestKit.HistoryAsync(_fresh));
        Assert.Equal(OperationKind.UserAdded, entry.Kind);
        Assert.Equal(admin.Id, entry.UserId);
        Assert.Equal("first@example.jp", entry.UserName);
        Assert.Equal("ユーザー first@example.jp (最初の管理者) を追加 (権限: 管理者)", entry.Summary);
        Assert.DoesNotContain("Str0ng-Passw0rd!", string.Join("|", entry.Summary, entry.Details), StringComparison.Ordinal);
    }
}
