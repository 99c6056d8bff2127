using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping.Waybills;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using GoQ.TikTokSync.Web.Tests.Shipping.Push;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Tests.Import.FetchOrders;

/// <summary>
/// Orders as a live Japanese shop sends them, through the emulator, the client, the import and the store: TikTok-shipped
/// orders with masked data, and formatted phone numbers, postal codes, names, district levels and messages.
/// </summary>
public sealed class LiveOrderShapesTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new() { Settings = ExportTestKit.QuickRetries };
    private HttpClient _client = null!;
    private int _connectionId;

    public async Task InitializeAsync()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        _connectionId = await _factory.AddAuthorizedConnectionAsync(admin.Id);
        _client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(_client, TikTokSyncWebFactory.AdminEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Import_TikTokShippedMaskedOrder_IsListedAsSentButNeverPushedNorPrintedAndSaysWhy()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1, new NewOrderRequest { DistinctSkus = 1, UnitsPerSku = 1, ShippingType = "TIKTOK" }))[0];
        await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));

        var order = await _factory.QueryAsync(db => db.Orders.AsNoTracking().Include(o => o.Packages).SingleAsync(o => o.Id == orderId));
        var list = await _factory.ListAsync(_connectionId);
        var run = await _factory.PushAsync(_connectionId);
        var detail = await _client.GetStringAsync($"/Orders/{orderId}");
        var export = await _client.GetStringAsync("/Export");

        Assert.Equal("TIKTOK", order.ShippingType);
        Assert.True(order.PhoneNumber!.Contains('*', StringComparison.Ordinal), order.PhoneNumber);
        Assert.Null(order.PhoneDigits);
        Assert.Equal("TikTok配送の注文のため対象外", Assert.Single(list.Excluded).Exclusion);
        Assert.Empty(list.Candidates);
        Assert.Equal(0, run.Updated);
        Assert.Equal(0, _factory.Emulator().GetShipping(tikTokId)?.ShipAttemptCount ?? 0);
        Assert.Equal("TikTok配送の注文のため対象外", WaybillCsv.ExclusionReason(order));
        Assert.Contains(order.PhoneNumber!, System.Net.WebUtility.HtmlDecode(detail), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"phone-masked\"", detail, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"shipped-by-tiktok\"", detail, StringComparison.Ordinal);
        Assert.Contains("TikTok配送の注文のため対象外", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FormattedRecipientData_KeepsEveryCharacterAndNormalisesOnlyWhatIsCertain()
    {
        var (orderId, _) = (await _factory.CreateAndImportAsync(_connectionId, 1, new NewOrderRequest
        {
            DistinctSkus = 1,
            UnitsPerSku = 1,
            RecipientPhoneNumber = "(+81)090-1234-5678",
            RecipientPostalCode = "０６０－０００１",
            RecipientName = "山田\u3000太郎",
            SplitCityAndWard = true,
            BuyerMessage = "置き配でお願いします🙏",
        }))[0];

        var order = await _factory.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId));
        var detail = await _client.GetStringAsync($"/Orders/{orderId}");

        Assert.Equal("(+81)090-1234-5678", order.PhoneNumber);
        Assert.Equal("09012345678", order.PhoneDigits);
        Assert.Equal("0600001", order.PostalCode);
        Assert.Equal("山田\u3000太郎", order.RecipientName);
        Assert.Equal("札幌市", order.City);
        Assert.Equal("中央区北一条西", order.Town);
        Assert.Equal("置き配でお願いします🙏", order.BuyerMessage);
        Assert.False(order.IsShippedByTikTok);
        Assert.Contains("090-1234-5678", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"phone-masked\"", detail, StringComparison.Ordinal);
        Assert.Contains("〒060-0001", detail, StringComparison.Ordinal);
        Assert.Contains("中央区北一条西", detail, StringComparison.Ordinal);
        Assert.Contains("🙏", System.Net.WebUtility.HtmlDecode(detail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_DemoMix_CarriesTheLiveShapesAtALowRate()
    {
        var created = _factory.Emulator().SeedOrders(DemoDefaults.ShopId, 400, DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow.AddHours(-2));

        var run = await _factory.ImportAsync(_connectionId, ImportMode.ConfiguredDays);
        var stored = await _factory.QueryAsync(db => db.Orders.AsNoTracking().Where(o => o.RecipientName != null).ToListAsync());

        Assert.Equal(ProcessingResult.Success, run.Result);
        Assert.Equal(400, created.Count);
        var tikTokShipped = stored.Count(o => o.IsShippedByTikTok);
        Assert.InRange(tikTokShipped, 1, stored.Count / 10);
        Assert.All(stored.Where(o => o.IsShippedByTikTok), o => Assert.True(o.IsPhoneMasked));
        Assert.True(stored.Any(o => !o.IsOnHold), $"{stored.Count} stored, {stored.Count(o => o.IsOnHold)} on hold");
        Assert.Contains(stored, o => o.PhoneNumber!.Contains('-', StringComparison.Ordinal));
        Assert.All(stored.Where(o => !o.IsPhoneMasked), o => Assert.Matches("^0[0-9]{9,10}$", o.PhoneDigits!));
        Assert.All(stored, o => Assert.Matches("^[0-9]{7}$", o.PostalCode!));
    }
}
