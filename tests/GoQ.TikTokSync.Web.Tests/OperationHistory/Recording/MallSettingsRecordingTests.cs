using System.Net;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using GoQ.TikTokSync.Web.Tests.Shipping.Push;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.OperationHistory.Recording;

/// <summary>
/// 操作履歴 of 各種設定 › モール: モール選択, モール詳細設定, 認証/再認証 (whose secrets never reach the history), ショップ変更 and
/// the carrier mapping. Each action an admin completes writes one row; a refused one writes none.
/// </summary>
public sealed class MallSettingsRecordingTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new();
    private AppUser _admin = null!;
    private HttpClient _adminClient = null!;

    public async Task InitializeAsync()
    {
        _admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        _adminClient = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(_adminClient, TikTokSyncWebFactory.AdminEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private Task<OperationHistoryEntry> SingleAdminRowAsync(long mark, OperationKind kind) =>
        _factory.SingleRowAsync(mark, kind, _admin.Id, TikTokSyncWebFactory.AdminEmail);

    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    private static Dictionary<string, string> DetailForm(string days = "7", bool autoFetch = false, string? status = null, string target = nameof(GoqOrderStatus.NewOrder), string afterPush = "")
    {
        var form = Fields(("Input.FetchTikTokStatus", status ?? TikTokOrderStatus.AwaitingShipment.Value), ("Input.TargetGoqStatus", target), ("Input.FetchDays", days), ("Input.StatusAfterPush", afterPush));
        if (autoFetch)
        {
            form["Input.AutoFetchEnabled"] = "true";
        }

        return form;
    }

    // モール選択

    [Fact]
    public async Task MallSelectionSave_ChangedFields_OneRowWithOldToNewPerField_UnchangedOrInvalidSaveWritesNone()
    {
        var id = await _factory.AddConnectionAsync(c => (c.DisplayName, c.PrimaryCarrier, c.DisplayOrder) = ("選択テスト店", Carrier.Yamato, 5));
        var unchanged = Fields(("Rows[0].Id", id.Invariant()), ("Rows[0].IsEnabled", "true"), ("Rows[0].DisplayName", "選択テスト店"), ("Rows[0].PrimaryCarrier", nameof(Carrier.Yamato)), ("Rows[0].DisplayOrder", "5"));
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_adminClient, await FormPosting.PostFormAsync(_adminClient, "/MallSettings?handler=Save", unchanged), HttpStatusCode.Redirect, "モール選択を保存しました。", mark, before);
        await _factory.AssertRefusedAsync(_adminClient, await FormPosting.PostFormAsync(_adminClient, "/MallSettings?handler=Save", new Dictionary<string, string>(unchanged) { ["Rows[0].DisplayName"] = string.Empty }), HttpStatusCode.OK, "管理用店舗名を入力してください。", mark, before);

        var response = await FormPosting.PostFormAsync(_adminClient, "/MallSettings?handler=Save", new Dictionary<string, string>(unchanged)
        {
            ["Rows[0].DisplayName"] = "本店",
            ["Rows[0].PrimaryCarrier"] = nameof(Carrier.Sagawa),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await SingleAdminRowAsync(mark, OperationKind.SettingsSaved);
        Assert.Equal("モール選択を保存（2項目を変更）", row.Summary);
        Assert.Equal(["選択テスト店 › 管理用店舗名: 選択テスト店 → 本店", "選択テスト店 › 主に利用する配送業者: ヤマト運輸 → 佐川急便"], row.DetailLines());
        Assert.Equal("/MallSettings", row.TargetUrl);
        Assert.Empty(row.Orders);
    }

    [Fact]
    public async Task MallSelectionAdd_RecordsTheNewConnectionWithItsLink()
    {
        var mark = await _factory.MarkAsync();

        await FormPosting.PostFormAsync(_adminClient, "/MallSettings?handler=Add", Fields());

        var added = await _factory.QueryAsync(db => db.MallConnections.OrderByDescending(c => c.Id).FirstAsync());
        var row = await SingleAdminRowAsync(mark, OperationKind.MallConnectionAdded);
        Assert.Equal($"モール「{added.DisplayName}」を追加", row.Summary);
        Assert.Contains("管理用店舗名: " + added.DisplayName, row.DetailLines());
        Assert.Equal($"/MallSettings/Details/{added.Id}", row.TargetUrl);
    }

    // モール詳細設定

    [Fact]
    public async Task ConnectionSave_RecordsChangedFieldsWithJapaneseLabels_ThenAnUnchangedSaveRecordsNoChange()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_admin.Id);
        var mark = await _factory.MarkAsync();

        var response = await FormPosting.PostFormAsync(_adminClient, $"/MallSettings/Details/{id}?handler=Save",
            DetailForm("14", autoFetch: true, status: TikTokOrderStatus.OnHold.Value, target: nameof(GoqOrderStatus.AwaitingShipment), afterPush: nameof(GoqOrderStatus.Processed)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await SingleAdminRowAsync(mark, OperationKind.SettingsSaved);
        Assert.Equal("「TikTok Shop 1号店」のモール詳細設定を保存", row.Summary);
        Assert.Equal(
        [
            "TikTok Shop 取得ステータス: 発送待ち → 保留中",
            "受注格納先ステータス: 新規受付 → 発送待ち",
            "受注を取得する日数: 7日 → 14日",
            "自動取得: OFF → ON",
            "発送情報更新後の受注ステータス: 変更しない → 処理済",
        ], row.DetailLines());
        Assert.Equal($"/MallSettings/Details/{id}", row.TargetUrl);

        mark = await _factory.MarkAsync();
        await FormPosting.PostFormAsync(_adminClient, $"/MallSettings/Details/{id}?handler=Save",
            DetailForm("14", autoFetch: true, status: TikTokOrderStatus.OnHold.Value, target: nameof(GoqOrderStatus.AwaitingShipment), afterPush: nameof(GoqOrderStatus.Processed)));

        var again = await SingleAdminRowAsync(mark, OperationKind.SettingsSaved);
        Assert.Equal("「TikTok Shop 1号店」のモール詳細設定を保存（変更なし）", again.Summary);
        Assert.Equal("変更なし", again.Details);
    }

    [Fact]
    public async Task ConnectionSave_InvalidDaysOrByOperator_WritesNoRow()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_admin.Id);
        var operatorClient = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(operatorClient, TikTokSyncWebFactory.OperatorEmail);
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        var invalid = await FormPosting.PostFormAsync(_adminClient, $"/MallSettings/Details/{id}?handler=Save", DetailForm("31"));
        var token = await FormPosting.GetAntiforgeryTokenAsync(operatorClient, "/Orders");
        var refused = await operatorClient.PostAsync($"/MallSettings/Details/{id}?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>(DetailForm("3")) { ["__RequestVerificationToken"] = token }));

        await _factory.AssertRefusedAsync(_adminClient, invalid, HttpStatusCode.OK, "受注を取得する日数は1〜30の整数（日数）で入力してください。", mark, before);
        await _factory.AssertRefusedAsync(operatorClient, refused, HttpStatusCode.Redirect, "この画面を表示する権限がありません", mark, before);
    }

    // 認証 / 再認証

    private async Task<string> StartAuthorizationAsync(int connectionId)
    {
        var response = await FormPosting.PostFormAsync(_adminClient, $"/MallSettings/Details/{connectionId}?handler=Authorize", Fields());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var state = QueryHelpers.ParseQuery(response.Headers.Location!.Query)["state"].ToString();
        Assert.False(string.IsNullOrEmpty(state));
        return state;
    }

    [Fact]
    public async Task Callback_AuthorizeThenReauthorize_OneRowEach_AndNoCodeStateOrTokenInAnyColumn()
    {
        var id = await _factory.AddConnectionAsync(c => c.DisplayName = "認証テスト店");
        var secrets = new List<string>();

        var mark = await _factory.MarkAsync();
        var state = await StartAuthorizationAsync(id);
        await _factory.NoRowAsync(mark);
        var code = _factory.Emulator().CreateAuthorizationCode(DemoDefaults.SellerLoginId);
        secrets.AddRange([code, state]);
        var response = await _adminClient.GetAsync($"/MallSettings/Callback?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        secrets.AddRange(await TokensAsync(id));

        var first = await SingleAdminRowAsync(mark, OperationKind.Authorization);
        Assert.Equal("「認証テスト店」を認証", first.Summary);
        var lines = first.DetailLines();
        Assert.Equal(["モール: 認証テスト店", "結果: 認証しました", "セラー: " + DemoDefaults.SellerName], lines.Take(3));
        Assert.StartsWith("認証の有効期限: ", lines[3], StringComparison.Ordinal);
        Assert.Equal($"/MallSettings/Details/{id}", first.TargetUrl);

        mark = await _factory.MarkAsync();
        state = await StartAuthorizationAsync(id);
        code = _factory.Emulator().CreateAuthorizationCode(DemoDefaults.SellerLoginId);
        secrets.AddRange([code, state]);
        await _adminClient.GetAsync($"/MallSettings/Callback?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");
        secrets.AddRange(await TokensAsync(id));

        var second = await SingleAdminRowAsync(mark, OperationKind.Authorization);
        Assert.Equal("「認証テスト店」を再認証", second.Summary);
        Assert.Contains("結果: 再認証しました", second.DetailLines());

        var everything = await _factory.QueryAsync(db => db.OperationHistory.Include(e => e.Orders).AsNoTracking().ToListAsync());
        var columns = everything.SelectMany(e => new[] { e.Summary, e.Details, e.TargetUrl, e.UserName, e.IpAddress, e.UserId }.Concat(e.Orders.Select(o => o.OrderNumber))).Where(c => c is not null).ToList();
        Assert.All(secrets, secret =>
        {
            Assert.True(secret.Length >= 8, "a secret this short could match by chance");
            Assert.DoesNotContain(columns, c => c!.Contains(secret, StringComparison.Ordinal));
        });
    }

    private async Task<string[]> TokensAsync(int connectionId)
    {
        var access = await _factory.Services.GetRequiredService<ConnectionTokens>().GetAccessTokenAsync(connectionId, CancellationToken.None);
        var connection = await _factory.ConnectionAsync(connectionId);
        var refresh = _factory.Services.GetRequiredService<ConnectionTokenProtector>().Unprotect(connection.ProtectedRefreshToken!);
        return [access, refresh, connection.ProtectedAccessToken!, connection.ProtectedRefreshToken!];
    }

    [Fact]
    public async Task Callback_CodeRefusedByTikTok_OneFailureRowWithoutTheCode()
    {
        var id = await _factory.AddConnectionAsync(c => c.DisplayName = "失敗テスト店");
        var state = await StartAuthorizationAsync(id);
        const string code = "TTP_NotAValidCodeFromTheEmulator_123456";
        var mark = await _factory.MarkAsync();

        var response = await _adminClient.GetAsync($"/MallSettings/Callback?code={code}&state={Uri.EscapeDataString(state)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var row = await SingleAdminRowAsync(mark, OperationKind.Authorization);
        Assert.Equal("「失敗テスト店」の認証に失敗", row.Summary);
        Assert.StartsWith("結果: 失敗（TikTok Shop でトークンを取得できませんでした: ", row.DetailLines()[1], StringComparison.Ordinal);
        Assert.DoesNotContain(code, row.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(state, row.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_DeniedOrForgedState_WritesNoRow()
    {
        var id = await _factory.AddConnectionAsync(c => c.DisplayName = "拒否テスト店");
        var state = await StartAuthorizationAsync(id);
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_adminClient, await _adminClient.GetAsync($"/MallSettings/Callback?error=auth_denied&state={Uri.EscapeDataString(state)}"), HttpStatusCode.OK, "認証が拒否されました。", mark, before);
        await _factory.AssertRefusedAsync(_adminClient, await _adminClient.GetAsync($"/MallSettings/Callback?code={Uri.EscapeDataString(_factory.Emulator().CreateAuthorizationCode(DemoDefaults.SellerLoginId))}&state=forged"), HttpStatusCode.BadRequest, "認証の要求が見つかりません。", mark, before);
    }

    // ショップ変更

    [Fact]
    public async Task ShopChange_RecordsOldAndNewShop_ShopNotInTheAuthorizationWritesNone()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_admin.Id, c => c.DisplayName = "ショップテスト店");
        await _factory.WithDbAsync(db => db.MallConnections.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.TikTokShopId, "7400000000000000001")
            .SetProperty(c => c.ShopName, "旧ショップ")));
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_adminClient, await FormPosting.PostFormAsync(_adminClient, $"/MallSettings/Details/{id}/Shops", Fields(("shopId", "7499999999999999999"))), HttpStatusCode.OK, "選択したショップはこの認証の対象ではありません。", mark, before);

        var response = await FormPosting.PostFormAsync(_adminClient, $"/MallSettings/Details/{id}/Shops", Fields(("shopId", DemoDefaults.ShopId)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await SingleAdminRowAsync(mark, OperationKind.ShopChanged);
        Assert.Equal($"「ショップテスト店」のショップを「{DemoDefaults.ShopName}」に変更", row.Summary);
        Assert.Equal(
        [
            "モール: ショップテスト店",
            $"ショップ: 旧ショップ（ID 7400000000000000001） → {DemoDefaults.ShopName}（ID {DemoDefaults.ShopId}）",
            "別のショップになったため、配送業者の対応付けを消去しました",
        ], row.DetailLines());
        Assert.Equal($"/MallSettings/Details/{id}", row.TargetUrl);
    }

    // 配送業者の対応付け

    [Fact]
    public async Task CarrierMapping_RecordsTheProviderOldToNew_ProviderNotInTheListWritesNone()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_admin.Id, c => c.DisplayName = "配送テスト店");
        var (orderId, _) = (await _factory.CreateAndImportAsync(id, 1))[0];
        var deliveryOptionId = await _factory.QueryAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.DeliveryOptionId!).SingleAsync());
        ShippingProviderMapping yamato;
        ShippingProviderMapping sagawa;
        using (var scope = _factory.Services.CreateScope())
        {
            var providers = scope.ServiceProvider.GetRequiredService<ShippingProviders>();
            yamato = (await providers.ResolveAsync(id, deliveryOptionId, Carrier.Yamato, CancellationToken.None))!;
            sagawa = (await providers.ResolveAsync(id, deliveryOptionId, Carrier.Sagawa, CancellationToken.None))!;
        }

        var page = $"/MallSettings/Details/{id}/Carriers?deliveryOptionId={Uri.EscapeDataString(deliveryOptionId)}";
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_adminClient, await FormPosting.PostFormAsync(_adminClient, page, Fields(("carrier", nameof(Carrier.Yamato)), ("providerId", "no-such-provider"))), HttpStatusCode.OK, "配送業者を一覧から選択してください。", mark, before);

        var response = await FormPosting.PostFormAsync(_adminClient, page, Fields(("carrier", nameof(Carrier.Yamato)), ("providerId", sagawa.ShippingProviderId)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await SingleAdminRowAsync(mark, OperationKind.CarrierMappingSaved);
        Assert.Equal($"「配送テスト店」の ヤマト運輸 を TikTok 配送業者「{sagawa.ShippingProviderName}」に対応付け", row.Summary);
        Assert.Equal(
        [
            "モール: 配送テスト店",
            "配送オプション: " + deliveryOptionId,
            $"ヤマト運輸 の TikTok 配送業者: {yamato.ShippingProviderName}（ID {yamato.ShippingProviderId}） → {sagawa.ShippingProviderName}（ID {sagawa.ShippingProviderId}）",
        ], row.DetailLines());
        Assert.Equal($"/MallSettings/Details/{id}", row.TargetUrl);
    }
}
