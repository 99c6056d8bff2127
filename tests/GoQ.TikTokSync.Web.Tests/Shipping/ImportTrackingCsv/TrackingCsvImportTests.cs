using System.Globalization;
using System.Text;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;
using GoQ.TikTokSync.Core.Time;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Shipping.ImportTrackingCsv;

/// <summary>データ取込 › 伝票番号取込: carrier CSVs in Shift_JIS and UTF-8, preview first, 確定 all or nothing.</summary>
public sealed class TrackingCsvImportTests : IAsyncLifetime
{
    private const string Good1 = "576100000000000001";
    private const string Good2 = "576100000000000002";
    private const string Cancelled = "576100000000000003";
    private const string Unknown = "576199999999999999";

    // 12 digits, last = first eleven mod 7.
    private const string Yamato1 = "1234-5678-9013";
    private const string Yamato2 = "100000000004";
    private const string BadCheckDigit = "123456789016";

    private readonly TikTokSyncWebFactory _factory = new();
    private static readonly string Today = JapanTime.Today(TimeProvider.System).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        await _factory.WithDbAsync(async db =>
        {
            var connection = new MallConnection { DisplayName = "TikTok Shop 1号店" };
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
            db.Orders.AddRange(NewOrder(connection, Good1), NewOrder(connection, Good2), NewOrder(connection, Cancelled, cancelled: true));
            await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Order NewOrder(MallConnection connection, string id, bool cancelled = false) => new()
    {
        MallConnectionId = connection.Id,
        TikTokOrderId = id,
        TikTokStatus = cancelled ? TikTokOrderStatus.Cancelled : TikTokOrderStatus.AwaitingShipment,
        IsCancelledOnTikTok = cancelled,
        OrderedAtUtc = DateTime.UtcNow.AddDays(-2),
        TikTokUpdatedAtUtc = DateTime.UtcNow.AddDays(-2),
        Lines = [new OrderLine { TikTokLineItemId = id + "1", SkuId = "sku", ProductName = "商品" }],
    };

    private async Task<T> WithImportAsync<T>(Func<TrackingCsvImport, Task<T>> action)
    {
        using var scope = _factory.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<TrackingCsvImport>());
    }

    private Task<List<ShippingPackage>> PackagesAsync() => _factory.QueryAsync(db => db.ShippingPackages.AsNoTracking().ToListAsync());

    private static byte[] ShiftJis(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932).GetBytes(text);
    }

    private static string B2File() =>
        "お客様管理番号,送り状種類,伝票番号,出荷予定日,お届け先名\r\n"
        + $"{Good1},0,{Yamato1},{Today},山田 太郎\r\n"
        + $"{Unknown},0,{Yamato2},{Today},佐藤 花子\r\n"
        + $"{Good2},0,{BadCheckDigit},{Today},鈴木 一郎\r\n"
        + $"{Cancelled},0,{Yamato2},{Today},高橋 次郎\r\n";

    [Fact]
    public async Task B2ShiftJisFile_Preview_MatchesByCustomerNumberAndExplainsEachBadLine_WithoutSaving()
    {
        var preview = await WithImportAsync(i => i.PreviewAsync(ShiftJis(B2File()), TrackingCsvFormat.Auto, TrackingCsvEncoding.Auto, CancellationToken.None));

        Assert.Null(preview.FileError);
        Assert.Equal(TrackingCsvEncoding.ShiftJis, preview.Encoding);
        Assert.Equal(TrackingCsvFormat.YamatoB2, preview.Format);
        Assert.Equal(1, preview.ValidCount);
        Assert.Equal(3, preview.ErrorCount);
        var good = preview.Lines.Single(l => l.IsValid);
        Assert.Equal((2, Good1, Carrier.Yamato, "123456789013"), (good.LineNumber, good.TikTokOrderId, good.Carrier!.Value, good.TrackingNumber));
        Assert.Contains("受注が見つかりません", preview.Lines.Single(l => l.LineNumber == 3).Error, StringComparison.Ordinal);
        Assert.Contains("チェックデジット不一致", preview.Lines.Single(l => l.LineNumber == 4).Error, StringComparison.Ordinal);
        Assert.Contains("キャンセル", preview.Lines.Single(l => l.LineNumber == 5).Error, StringComparison.Ordinal);
        Assert.Empty(await PackagesAsync());
    }

    [Fact]
    public async Task B2ShiftJisFile_Confirm_AppliesOnlyTheValidLine()
    {
        var (_, applied) = await WithImportAsync(i => i.ApplyAsync(ShiftJis(B2File()), TrackingCsvFormat.YamatoB2, TrackingCsvEncoding.ShiftJis, "operator@example.jp", CancellationToken.None));

        Assert.Equal(1, applied);
        var package = Assert.Single(await PackagesAsync());
        Assert.Equal("123456789013", package.TrackingNumber);
        Assert.Equal(Carrier.Yamato, package.Carrier);
        Assert.Equal(JapanTime.Today(TimeProvider.System), package.ShipDate);
        Assert.Equal(ShipmentPushState.Pending, package.PushState);
        var order = await _factory.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.TikTokOrderId == Good1));
        Assert.Equal("123456789013", order.TrackingNumber);
    }

    [Fact]
    public async Task GenericUtf8File_PreviewCountsDuplicatesAndUnknownCarrier_ThenConfirmAppliesTheRest()
    {
        var file = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(
            "注文ID,配送業者,伝票番号,出荷日\n"
            + $"{Good1},ヤマト運輸,{Yamato1},{Today}\n"
            + $"{Good2},佐川急便,{Yamato2},\n"
            + $"{Good2},佐川急便,{Yamato2},{Today}\n"
            + $"{Good1},黒猫便,{Yamato2},{Today}\n")).ToArray();

        var preview = await WithImportAsync(i => i.PreviewAsync(file, TrackingCsvFormat.Auto, TrackingCsvEncoding.Auto, CancellationToken.None));

        Assert.Equal((TrackingCsvFormat.Generic, TrackingCsvEncoding.Utf8), (preview.Format, preview.Encoding));
        Assert.Equal(2, preview.ValidCount);
        Assert.Contains("重複", preview.Lines.Single(l => l.LineNumber == 4).Error, StringComparison.Ordinal);
        Assert.Contains("配送業者が正しくありません", preview.Lines.Single(l => l.LineNumber == 5).Error, StringComparison.Ordinal);
        Assert.Empty(await PackagesAsync());

        var (_, applied) = await WithImportAsync(i => i.ApplyAsync(file, TrackingCsvFormat.Auto, TrackingCsvEncoding.Auto, "operator@example.jp", CancellationToken.None));

        Assert.Equal(2, applied);
        var packages = await PackagesAsync();
        Assert.Equal(["100000000004", "123456789013"], packages.Select(p => p.TrackingNumber).Order(StringComparer.Ordinal));
        Assert.Equal(Carrier.Sagawa, packages.Single(p => p.TrackingNumber == "100000000004").Carrier);
    }

    [Fact]
    public async Task Confirm_OneLineNoLongerValid_AppliesNothing()
    {
        var ids = await _factory.QueryAsync(db => db.Orders.Where(o => o.TikTokOrderId == Good1 || o.TikTokOrderId == Cancelled).ToDictionaryAsync(o => o.TikTokOrderId, o => o.Id));
        using var scope = _factory.Services.CreateScope();
        var entry = scope.ServiceProvider.GetRequiredService<ShippingEntry>();

        var saved = await entry.SaveManyAsync(
            [(ids[Good1], new PackageInput(Carrier.Yamato, Yamato1, Today)), (ids[Cancelled], new PackageInput(Carrier.Yamato, Yamato2, Today))],
            "伝票番号取込",
            "operator@example.jp",
            CancellationToken.None);

        Assert.Equal(0, saved);
        Assert.Empty(await PackagesAsync());
    }

    [Fact]
    public async Task Preview_OrderWhosePushOutcomeIsUnknown_IsRefusedWithTheReason()
    {
        await WithImportAsync(i => i.ApplyAsync(ShiftJis(B2File()), TrackingCsvFormat.YamatoB2, TrackingCsvEncoding.ShiftJis, "operator@example.jp", CancellationToken.None));
        await _factory.WithDbAsync(db => db.ShippingPackages.ExecuteUpdateAsync(s => s.SetProperty(p => p.PushState, ShipmentPushState.OutcomeUnknown)));
        var file = Encoding.UTF8.GetBytes("注文ID,配送業者,伝票番号,出荷日\n" + $"{Good1},ヤマト運輸,{Yamato2},{Today}\n");

        var preview = await WithImportAsync(i => i.PreviewAsync(file, TrackingCsvFormat.Auto, TrackingCsvEncoding.Auto, CancellationToken.None));

        Assert.Contains("送信結果を確認中", Assert.Single(preview.Lines).Error, StringComparison.Ordinal);
    }
}
