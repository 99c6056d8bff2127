using System.Text;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping.Waybills;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Web.Tests.Shipping.Waybills;

/// <summary>
/// 送り状CSV rules without a store: each format's bytes against a hand-written fixture, and the pieces (address split,
/// 品名 limits, phone, characters Shift_JIS lacks, which parcels get a slip).
/// </summary>
public sealed class WaybillCsvTests
{
    private static readonly DateOnly ShipDate = new(2026, 12, 5);
    private static readonly DateTimeOffset NowJst = new(2026, 12, 5, 9, 30, 0, TimeSpan.FromHours(9));

    private const string LongProductName = "静岡県産深蒸し煎茶「特上」100g×3袋セット、ギフト箱入り・のし対応";

    static WaybillCsvTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The fixtures' two slips: a building with a quote and a comma, a split order's 2nd package and a name with 𠮷. 髙 is
    /// in the fixtures as FB FC (IBM extension), the byte pair Windows' own code page 932 conversion writes, which is what
    /// the carriers' Windows software expects; some encoders pick the NEC-selected duplicate EE E0 instead.
    /// </summary>
    private static IReadOnlyList<WaybillShipment> FixtureShipments() =>
    [
        new(1, "576000000000000001", null, "576000000000000001", ShipDate, "1500001", "東京都", "渋谷区", "神宮前", "1-2-3", "\"青山\"ビル,101", "山田 太郎", "08012345678", LongProductName),
        new(2, "576000000000000002", 20, "576000000000000002-2", ShipDate, "5300001", "大阪府", "大阪市北区", "梅田", "3-1-1", null, "髙橋 𠮷男", "0612345678", "ほうじ茶"),
    ];

    public static TheoryData<WaybillFormatKind, string> Fixtures() => new()
    {
        { WaybillFormatKind.YamatoB2, "yamato-b2.csv" },
        { WaybillFormatKind.SagawaEHiden, "sagawa-ehiden3.csv" },
        { WaybillFormatKind.JapanPostYuPrintR, "japanpost-yuprintr.csv" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EachFormat_WritesShiftJisWithCrlfItsColumnsAndQuoting_ByteForByteAsTheFixture(WaybillFormatKind kind, string fixture)
    {
        var file = WaybillCsv.Write(WaybillFormat.For(kind), FixtureShipments(), NowJst);

        var expected = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Shipping", "Waybills", "Fixtures", fixture));
        Assert.True(expected.AsSpan().SequenceEqual(file.Content),
            $"{fixture} differs from byte {expected.AsSpan().CommonPrefixLength(file.Content)} ({Convert.ToHexString(file.Content.AsSpan(expected.AsSpan().CommonPrefixLength(file.Content), Math.Min(4, file.Content.Length - expected.AsSpan().CommonPrefixLength(file.Content))))}):\nexpected {Encoding.GetEncoding(932).GetString(expected)}\nactual   {Encoding.GetEncoding(932).GetString(file.Content)}");
    }

    [Fact]
    public void FileName_NamesTheFormatAndTheJapaneseTime()
    {
        Assert.Equal("b2cloud_20261205_093000.csv", WaybillCsv.Write(WaybillFormat.YamatoB2, [], NowJst).FileName);
        Assert.Equal("ehiden3_20261205_093000.csv", WaybillCsv.Write(WaybillFormat.SagawaEHiden, [], NowJst).FileName);
        Assert.Equal("yuprint_20261205_093000.csv", WaybillCsv.Write(WaybillFormat.JapanPostYuPrintR, [], NowJst).FileName);
    }

    private static string Cell(WaybillFormat format, WaybillShipment shipment, string header) =>
        format.Columns.Single(c => c.Header == header).Value(shipment) ?? string.Empty;

    [Fact]
    public void B2_PutsPrefectureCityTownAndStreetInOneAddressField_AndTheBuildingApart()
    {
        var shipment = FixtureShipments()[0];

        Assert.Equal("東京都渋谷区神宮前1-2-3", Cell(WaybillFormat.YamatoB2, shipment, "お届け先住所"));
        Assert.Equal("\"青山\"ビル,101", Cell(WaybillFormat.YamatoB2, shipment, "お届け先アパートマンション名"));
        Assert.Equal("150-0001", Cell(WaybillFormat.YamatoB2, shipment, "お届け先郵便番号"));
    }

    [Fact]
    public void EHiden_SplitsPrefectureAndCity_TownAndStreet_AndBuilding_IntoAddress1To3()
    {
        var shipment = FixtureShipments()[0];

        Assert.Equal("東京都渋谷区", Cell(WaybillFormat.SagawaEHiden, shipment, "お届け先住所１"));
        Assert.Equal("神宮前1-2-3", Cell(WaybillFormat.SagawaEHiden, shipment, "お届け先住所２"));
        Assert.Equal("\"青山\"ビル,101", Cell(WaybillFormat.SagawaEHiden, shipment, "お届け先住所３"));
        Assert.Equal("1500001", Cell(WaybillFormat.SagawaEHiden, shipment, "お届け先郵便番号"));
    }

    [Fact]
    public void YuPrintR_KeepsPrefectureCityAndTownOnLine1_TheStreetOnLine2_AndTheBuildingOnLine3()
    {
        var shipment = FixtureShipments()[0];

        Assert.Equal("東京都渋谷区神宮前", Cell(WaybillFormat.JapanPostYuPrintR, shipment, "お届け先住所１"));
        Assert.Equal("1-2-3", Cell(WaybillFormat.JapanPostYuPrintR, shipment, "お届け先住所２"));
        Assert.Equal("\"青山\"ビル,101", Cell(WaybillFormat.JapanPostYuPrintR, shipment, "お届け先住所３"));
    }

    [Fact]
    public void ProductName_IsCutToEachFormatsLimit()
    {
        var shipment = FixtureShipments()[0];

        Assert.Equal(LongProductName[..25], Cell(WaybillFormat.YamatoB2, shipment, "品名１"));
        Assert.Equal(LongProductName[..30], Cell(WaybillFormat.SagawaEHiden, shipment, "品名１"));
        Assert.Equal(LongProductName[..25], Cell(WaybillFormat.JapanPostYuPrintR, shipment, "品名"));
        Assert.Equal(25, WaybillFormat.YamatoB2.ProductNameLimit);
        Assert.Equal(30, WaybillFormat.SagawaEHiden.ProductNameLimit);
    }

    [Fact]
    public void Truncate_CountsASurrogatePairAsOneCharacter_AndNeverSplitsIt()
    {
        Assert.Equal("𠮷野家", WaybillFormat.Truncate("𠮷野家の牛丼", 3));
        Assert.Equal("短い", WaybillFormat.Truncate("短い", 25));
    }

    [Fact]
    public void UnrepresentableCharacters_AreReplacedWithGetaMark_AndListedPerSlipAndColumn()
    {
        var shipment = FixtureShipments()[1] with { ProductName = "緑茶🍵セット" };

        var file = WaybillCsv.Write(WaybillFormat.SagawaEHiden, [shipment], NowJst);

        var text = Encoding.GetEncoding(932).GetString(file.Content);
        Assert.Contains("髙橋 〓男", text, StringComparison.Ordinal);
        Assert.Contains("緑茶〓セット", text, StringComparison.Ordinal);
        Assert.Equal(
        [
            "576000000000000002-2 のお届け先名称１: 「𠮷」を「〓」に置き換えました",
            "576000000000000002-2 の品名１: 「🍵」を「〓」に置き換えました",
        ],
            file.Replacements);
    }

    [Fact]
    public void Representable_KeepsWhatShiftJisHas_IncludingNecAndIbmExtensions()
    {
        var (text, replaced) = WaybillCsv.Representable("髙﨑①ﾃｽﾄ～");

        Assert.Equal("髙﨑①ﾃｽﾄ～", text);
        Assert.Empty(replaced);
    }

    [Fact]
    public void LineBreaksInsideAField_BecomeSpaces_SoOneSlipStaysOneLine()
    {
        var shipment = FixtureShipments()[0] with { Building = "青山ビル\r\n101号室" };

        var text = Encoding.GetEncoding(932).GetString(WaybillCsv.Write(WaybillFormat.SagawaEHiden, [shipment], NowJst).Content);

        Assert.Contains(",青山ビル 101号室,", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static Order NewOrder(string id, TikTokOrderStatus? tikTokStatus = null) => new()
    {
        Id = long.Parse(id[^3..], System.Globalization.CultureInfo.InvariantCulture),
        TikTokOrderId = id,
        TikTokStatus = tikTokStatus ?? TikTokOrderStatus.AwaitingShipment,
        GoqStatus = GoqOrderStatus.NewOrder,
        RecipientName = "山田 太郎",
        PostalCode = "1500001",
        Prefecture = "東京都",
        City = "渋谷区",
        Town = "神宮前",
        AddressLine = "1-2-3",
        PhoneNumber = "(+81)08012345678",
        Lines =
        [
            new OrderLine { Id = 1, TikTokLineItemId = "L1", ProductName = "緑茶" },
            new OrderLine { Id = 2, TikTokLineItemId = "L2", ProductName = "ほうじ茶" },
        ],
    };

    [Fact]
    public void OrderWithoutPackage_GivesOneSlipNumberedWithTheBareOrderId_PhoneAsDigitsAndTheFirstLinesProduct()
    {
        var plan = WaybillCsv.Plan([NewOrder("576000000000000101")], ShipDate);

        var shipment = Assert.Single(plan.Shipments);
        Assert.Equal("576000000000000101", shipment.ManagementNumber);
        Assert.Null(shipment.PackageId);
        Assert.Equal("08012345678", shipment.PhoneDigits);
        Assert.Equal("緑茶", shipment.ProductName);
        Assert.Equal(ShipDate, shipment.ShipDate);
        Assert.Empty(plan.Excluded);
    }

    [Fact]
    public void SplitOrder_GivesOneSlipPerOpenPackage_SuffixedWithThePackagesPlace_AndNamedAfterItsOwnFirstLine()
    {
        var order = NewOrder("576000000000000102");
        order.Packages =
        [
            new ShippingPackage { Id = 7, LineItemIds = "L1", PushState = ShipmentPushState.Pushed, PushedTrackingNumber = "100000000004" },
            new ShippingPackage { Id = 9, LineItemIds = "L2", PushState = ShipmentPushState.Pending },
            new ShippingPackage { Id = 8, LineItemIds = "", PushState = ShipmentPushState.Failed },
        ];

        var plan = WaybillCsv.Plan([order], ShipDate);

        Assert.Equal(["576000000000000102-2", "576000000000000102-3"], plan.Shipments.Select(s => s.ManagementNumber));
        Assert.Equal([8L, 9L], plan.Shipments.Select(s => s.PackageId!.Value));
        Assert.Equal(["緑茶", "ほうじ茶"], plan.Shipments.Select(s => s.ProductName));
    }

    [Fact]
    public void CancelledShippedUnpaidProcessedAndFullyPushedOrders_AreExcludedWithAReason()
    {
        var cancelledOnTikTok = NewOrder("576000000000000201", TikTokOrderStatus.Cancelled);
        var cancelledInGoq = NewOrder("576000000000000202");
        cancelledInGoq.GoqStatus = GoqOrderStatus.Cancelled;
        var inTransit = NewOrder("576000000000000203", TikTokOrderStatus.InTransit);
        var unpaid = NewOrder("576000000000000204", TikTokOrderStatus.Unpaid);
        var processed = NewOrder("576000000000000205");
        processed.GoqStatus = GoqOrderStatus.Processed;
        var pushed = NewOrder("576000000000000206");
        pushed.Packages = [new ShippingPackage { Id = 1, PushState = ShipmentPushState.Pushed, PushedTrackingNumber = "100000000004" }];
        var unknown = NewOrder("576000000000000207");
        unknown.Packages = [new ShippingPackage { Id = 2, PushState = ShipmentPushState.OutcomeUnknown }];
        var shippable = NewOrder("576000000000000208", TikTokOrderStatus.PartiallyShipping);

        var plan = WaybillCsv.Plan([cancelledOnTikTok, cancelledInGoq, inTransit, unpaid, processed, pushed, unknown, shippable], ShipDate);

        Assert.Equal("576000000000000208", Assert.Single(plan.Shipments).ManagementNumber);
        Assert.Equal(
        [
            ("576000000000000201", "キャンセルされた注文です"),
            ("576000000000000202", "キャンセルされた注文です"),
            ("576000000000000203", "TikTok Shop で発送済みです"),
            ("576000000000000204", "TikTok Shop で発送できない状態です（未払い）"),
            ("576000000000000205", "処理済の受注です"),
            ("576000000000000206", "すべての荷物の発送情報を送信済み（または送信中・結果確認中）です"),
            ("576000000000000207", "すべての荷物の発送情報を送信済み（または送信中・結果確認中）です"),
        ],
            plan.Excluded.Select(e => (e.TikTokOrderId, e.Reason)));
    }

    [Theory]
    [InlineData("576000000000000102-2", "576000000000000102", 2)]
    [InlineData("576000000000000102", "576000000000000102", null)]
    [InlineData("576000000000000102-", "576000000000000102-", null)]
    [InlineData("576000000000000102-0", "576000000000000102-0", null)]
    [InlineData("576000000000000102-x", "576000000000000102-x", null)]
    public void ManagementNumber_ReadsBackTheOrderIdAndPackagePlace(string managementNumber, string orderId, int? packageNumber)
    {
        Assert.Equal((orderId, packageNumber), WaybillCsv.ParseManagementNumber(managementNumber));
        if (packageNumber is { } n)
        {
            Assert.Equal(managementNumber, WaybillCsv.ManagementNumber(orderId, n, 3));
        }
    }
}
