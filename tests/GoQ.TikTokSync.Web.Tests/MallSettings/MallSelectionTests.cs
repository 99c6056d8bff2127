using System.Net;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Tests.MallSettings;

/// <summary>各種設定 › モール選択: adding connections, saving the table all or nothing.</summary>
public sealed class MallSelectionTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        _admin = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(_admin, TikTokSyncWebFactory.AdminEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Add_Twice_CreatesNumberedShops()
    {
        await FormPosting.PostFormAsync(_admin, "/MallSettings?handler=Add", new Dictionary<string, string>());
        await FormPosting.PostFormAsync(_admin, "/MallSettings?handler=Add", new Dictionary<string, string>());

        var names = await _factory.QueryAsync(db => db.MallConnections.OrderBy(c => c.Id).Select(c => c.DisplayName).ToListAsync());
        Assert.Equal(["TikTok Shop 1号店", "TikTok Shop 2号店"], names);
    }

    [Fact]
    public async Task Save_ValidRows_UpdatesNameCarrierOrderAndUse()
    {
        var first = await _factory.AddConnectionAsync();

        var response = await FormPosting.PostFormAsync(_admin, "/MallSettings?handler=Save", new Dictionary<string, string>
        {
            ["Rows[0].Id"] = first.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rows[0].DisplayName"] = "本店",
            ["Rows[0].PrimaryCarrier"] = nameof(Carrier.Sagawa),
            ["Rows[0].DisplayOrder"] = "3",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var connection = await _factory.ConnectionAsync(first);
        Assert.Equal("本店", connection.DisplayName);
        Assert.Equal(Carrier.Sagawa, connection.PrimaryCarrier);
        Assert.Equal(3, connection.DisplayOrder);
        Assert.False(connection.IsEnabled);
    }

    [Fact]
    public async Task Save_DuplicateOrEmptyNames_ShowsMessagesAndSavesNothing()
    {
        var first = await _factory.AddConnectionAsync(c => c.DisplayName = "1号店");
        var second = await _factory.AddConnectionAsync(c => c.DisplayName = "2号店");

        var response = await FormPosting.PostFormAsync(_admin, "/MallSettings?handler=Save", new Dictionary<string, string>
        {
            ["Rows[0].Id"] = first.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rows[0].DisplayName"] = "同じ名前",
            ["Rows[0].DisplayOrder"] = "1",
            ["Rows[1].Id"] = second.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rows[1].DisplayName"] = "同じ名前",
            ["Rows[1].DisplayOrder"] = "abc",
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("管理用店舗名が重複しています。", html, StringComparison.Ordinal);
        Assert.Equal("1号店", (await _factory.ConnectionAsync(first)).DisplayName);
        Assert.Equal("2号店", (await _factory.ConnectionAsync(second)).DisplayName);
    }
}
