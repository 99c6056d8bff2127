using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.Push;
using GoQ.TikTokSync.Core.Time;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Tests.Shipping.EnterTracking;

/// <summary>The package rules that run before anything is saved (order page, bulk entry, CSV).</summary>
public sealed class ShippingEntryRulesTests
{
    // Check() reads only the order it is given; the store is not touched.
    private readonly ShippingEntry _entry = new(null!, TimeProvider.System);
    private static readonly string Today = JapanTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Order NewOrder(params string[] lines) => new()
    {
        TikTokOrderId = "576000000000000009",
        TikTokStatus = TikTokOrderStatus.AwaitingShipment,
        OrderedAtUtc = DateTime.UtcNow.AddDays(-3),
        Lines = lines.Select(l => new OrderLine { TikTokLineItemId = l, SkuId = "s", ProductName = "p" }).ToList(),
    };

    [Theory]
    [InlineData(Carrier.Yamato, "4000-0000-0002")]
    [InlineData(Carrier.Sagawa, "100000000004")]
    [InlineData(Carrier.JapanPost, "1234 5678 9013")]
    [InlineData(Carrier.SeinoTransportation, "12345-67890")]
    [InlineData(Carrier.SeinoSuperExpress, "0000000001")]
    public void Check_ValidSampleOfEachCarrier_IsAcceptedBareWithAllRemainingLines(Carrier carrier, string input)
    {
        var check = _entry.Check(NewOrder("a", "b"), null, new PackageInput(carrier, input, Today), requireTracking: true);

        Assert.Empty(check.Errors);
        Assert.Matches("^[0-9]+$", check.TrackingNumber);
        Assert.Equal(["a", "b"], check.LineItemIds);
    }

    [Theory]
    [InlineData(Carrier.JapanPost, "123456789010", "チェックデジット")]
    [InlineData(Carrier.SeinoSuperExpress, "12345678901", "10桁")]
    [InlineData(Carrier.Sagawa, "1234-5678-901X", "数字")]
    public void Check_InvalidNumber_IsRefusedWithJapaneseReason(Carrier carrier, string input, string expected)
    {
        var check = _entry.Check(NewOrder("a"), null, new PackageInput(carrier, input, Today), requireTracking: true);

        var error = Assert.Single(check.Errors);
        Assert.Equal(ShippingEntry.TrackingField, error.Field);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ShipDateBeforeOrderDateOrUnreadable_IsRefused()
    {
        var order = NewOrder("a");
        var before = DateOnly.FromDateTime(order.OrderedAtUtc).AddDays(-2).ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture);

        var early = _entry.Check(order, null, new PackageInput(Carrier.Yamato, "123456789013", before), requireTracking: true);
        var garbage = _entry.Check(order, null, new PackageInput(Carrier.Yamato, "123456789013", "11月28日"), requireTracking: true);

        Assert.Contains("注文日", Assert.Single(early.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("形式", Assert.Single(garbage.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LineAlreadyInAnotherPackage_IsRefused()
    {
        var order = NewOrder("a", "b");
        order.Packages.Add(new ShippingPackage { Id = 1, Carrier = Carrier.Yamato, TrackingNumber = "123456789013", LineItemIds = "a" });

        var check = _entry.Check(order, null, new PackageInput(Carrier.Yamato, "100000000004", Today, ["a"]), requireTracking: true);
        var rest = _entry.Check(order, null, new PackageInput(Carrier.Yamato, "100000000004", Today), requireTracking: true);

        Assert.Contains("別の荷物", Assert.Single(check.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(["b"], rest.LineItemIds);
    }

    [Fact]
    public void Check_SecondCorrectionAfterPush_IsRefusedWithTheJapanRule()
    {
        var order = NewOrder("a");
        var pushed = new ShippingPackage
        {
            Id = 1, Carrier = Carrier.Yamato, TrackingNumber = "100000000004", PushedTrackingNumber = "100000000004", PushedCarrier = Carrier.Yamato,
            PushState = ShipmentPushState.Pushed, LineItemIds = "a", TrackingCorrections = 1,
        };
        order.Packages.Add(pushed);

        var check = _entry.Check(order, pushed, new PackageInput(Carrier.Yamato, "123456789013", Today), requireTracking: true);
        var sameNumber = _entry.Check(order, pushed, new PackageInput(Carrier.Yamato, "100000000004", Today), requireTracking: true);

        Assert.Contains("1注文につき1回まで", Assert.Single(check.Errors).Message, StringComparison.Ordinal);
        Assert.Empty(sameNumber.Errors);
    }

    [Theory]
    [InlineData(ShipmentPushState.OutcomeUnknown, "送信結果を確認中")]
    [InlineData(ShipmentPushState.Pushing, "送信中")]
    public void Check_PackageWhoseOutcomeIsUnknownOrBeingPushed_IsRefusedWithTheReason(ShipmentPushState state, string expected)
    {
        var order = NewOrder("a");
        var package = new ShippingPackage { Id = 1, Carrier = Carrier.Yamato, TrackingNumber = "100000000004", LineItemIds = "a", PushState = state };
        order.Packages.Add(package);

        var check = _entry.Check(order, package, new PackageInput(Carrier.Yamato, "123456789013", Today), requireTracking: true);

        var error = Assert.Single(check.Errors);
        Assert.Equal(ShippingEntry.PackageField, error.Field);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_OrderWithAnOutcomeUnknownPackage_ShowsOutcomeUnknownBeforePendingOrPushed()
    {
        var order = NewOrder("a", "b", "c");
        order.Packages.Add(new ShippingPackage { Id = 1, PushState = ShipmentPushState.Pushed, LineItemIds = "a" });
        order.Packages.Add(new ShippingPackage { Id = 2, PushState = ShipmentPushState.OutcomeUnknown, LineItemIds = "b" });
        order.Packages.Add(new ShippingPackage { Id = 3, PushState = ShipmentPushState.Pending, LineItemIds = "c" });

        order.SummarisePackages();

        Assert.Equal(ShipmentPushState.OutcomeUnknown, order.ShipmentPushState);
    }

    [Fact]
    public void ExportEligibility_OutcomeUnknownPackage_IsACandidateEvenWhenTheOrderNoLongerLooksShippable()
    {
        // TikTok may well have shipped it: our copy of the order then says AWAITING_COLLECTION, and only a read-back tells.
        var order = NewOrder("a");
        order.TikTokStatus = TikTokOrderStatus.AwaitingCollection;
        var package = new ShippingPackage { Id = 1, Carrier = Carrier.Yamato, TrackingNumber = "100000000004", ShipDate = JapanTime.Today(TimeProvider.System), LineItemIds = "a", PushState = ShipmentPushState.OutcomeUnknown };
        order.Packages.Add(package);

        var reason = ExportEligibility.ExclusionReason(order, package, JapanTime.Today(TimeProvider.System), providerMapped: false);
        var asPending = ExportEligibility.ExclusionReason(order, new ShippingPackage { Carrier = Carrier.Yamato, TrackingNumber = "100000000004", ShipDate = package.ShipDate, LineItemIds = "a" }, JapanTime.Today(TimeProvider.System), providerMapped: true);

        Assert.Null(reason);
        Assert.NotNull(asPending);
    }
}
