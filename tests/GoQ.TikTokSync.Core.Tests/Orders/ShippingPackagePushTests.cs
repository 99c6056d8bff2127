using GoQ.TikTokSync.Core.Orders;

namespace GoQ.TikTokSync.Core.Tests.Orders;

/// <summary>How a claimed package settles after a push, and how an operator's entry puts it back in line.</summary>
public sealed class ShippingPackagePushTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 1, 0, 0, DateTimeKind.Utc);

    private static ShippingPackage Claimed(string tracking = "100000000004") => new()
    {
        Carrier = Carrier.Sagawa,
        TrackingNumber = tracking,
        LineItemIds = "a",
        PushState = ShipmentPushState.Pushing,
        PushStartedAtUtc = Now.AddSeconds(-5),
        FailureReason = "前回の理由",
    };

    [Fact]
    public void MarkPushed_ClaimedPackage_RemembersWhatTikTokHasAndReleasesTheClaim()
    {
        var package = Claimed();
        var version = package.Version;

        var corrected = package.MarkPushed(Now);

        Assert.False(corrected);
        Assert.Equal(ShipmentPushState.Pushed, package.PushState);
        Assert.Equal("100000000004", package.PushedTrackingNumber);
        Assert.Equal(Carrier.Sagawa, package.PushedCarrier);
        Assert.Equal(Now, package.PushedAtUtc);
        Assert.Null(package.FailureReason);
        Assert.Null(package.PushStartedAtUtc);
        Assert.Equal(Now, package.UpdatedAtUtc);
        Assert.NotEqual(version, package.Version);
    }

    [Fact]
    public void MarkPushed_NumberChangedAfterAnEarlierPush_SaysItWasACorrection()
    {
        var package = Claimed("123456789013");
        package.PushedTrackingNumber = "100000000004";

        var corrected = package.MarkPushed(Now);

        Assert.True(corrected);
        Assert.Equal("123456789013", package.PushedTrackingNumber);
        Assert.False(package.NeedsTrackingCorrection);
    }

    [Fact]
    public void MarkFailed_LongReason_IsKeptToTheColumnLengthAndTheClaimReleased()
    {
        var package = Claimed();
        var version = package.Version;

        package.MarkFailed(new string('あ', ShippingPackage.FailureReasonMaxLength + 10), Now);

        Assert.Equal(ShipmentPushState.Failed, package.PushState);
        Assert.Equal(ShippingPackage.FailureReasonMaxLength, package.FailureReason!.Length);
        Assert.Null(package.PushStartedAtUtc);
        Assert.Null(package.PushedTrackingNumber);
        Assert.NotEqual(version, package.Version);
    }

    [Theory]
    [InlineData(true, ShipmentPushState.OutcomeUnknown)]
    [InlineData(false, ShipmentPushState.Pending)]
    public void MarkOutcomeUnknownOrPutOff_ClaimedPackage_SettlesWithTheReasonAndNoPush(bool outcomeUnknown, ShipmentPushState expected)
    {
        var package = Claimed();

        if (outcomeUnknown)
        {
            package.MarkOutcomeUnknown("照会できませんでした", Now);
        }
        else
        {
            package.PutOff("照会できませんでした", Now);
        }

        Assert.Equal(expected, package.PushState);
        Assert.Equal("照会できませんでした", package.FailureReason);
        Assert.Null(package.PushStartedAtUtc);
        Assert.Null(package.PushedAtUtc);
        Assert.Equal(Now, package.UpdatedAtUtc);
    }

    [Fact]
    public void CountTrackingCorrection_AddsOne()
    {
        var package = Claimed();

        package.CountTrackingCorrection();

        Assert.Equal(1, package.TrackingCorrections);
    }

    [Fact]
    public void ApplyEntry_FailedPackage_GoesBackInLineWithTheNewValues()
    {
        var package = new ShippingPackage { Carrier = Carrier.Sagawa, TrackingNumber = "100000000004", PushState = ShipmentPushState.Failed, FailureReason = "拒否" };
        var shipDate = new DateOnly(2026, 12, 4);

        package.ApplyEntry(Carrier.Yamato, "400000000002", shipDate, ["a", "b"], Now);

        Assert.Equal(ShipmentPushState.Pending, package.PushState);
        Assert.Null(package.FailureReason);
        Assert.Equal(Carrier.Yamato, package.Carrier);
        Assert.Equal("400000000002", package.TrackingNumber);
        Assert.Equal(shipDate, package.ShipDate);
        Assert.Equal("a,b", package.LineItemIds);
        Assert.Equal(Now, package.UpdatedAtUtc);
    }

    [Fact]
    public void ApplyEntry_PushedPackageWithANewNumber_GoesBackInLineForTheCorrection()
    {
        var package = new ShippingPackage { Carrier = Carrier.Sagawa, TrackingNumber = "100000000004", PushedTrackingNumber = "100000000004", PushState = ShipmentPushState.Pushed };

        package.ApplyEntry(Carrier.Sagawa, "123456789013", null, ["a"], Now);

        Assert.Equal(ShipmentPushState.Pending, package.PushState);
        Assert.True(package.NeedsTrackingCorrection);
    }

    [Fact]
    public void ApplyEntry_PushedPackageSameNumberNewShipDate_StaysPushed()
    {
        var package = new ShippingPackage { Carrier = Carrier.Sagawa, TrackingNumber = "100000000004", PushedTrackingNumber = "100000000004", PushState = ShipmentPushState.Pushed };

        package.ApplyEntry(Carrier.Sagawa, null, new DateOnly(2026, 12, 4), ["a"], Now);

        Assert.Equal(ShipmentPushState.Pushed, package.PushState);
        Assert.Equal("100000000004", package.TrackingNumber);
    }
}
