using GoQ.TikTokSync.Core.Shipping.Push;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Tests.Shipping.Push;

/// <summary>Which of a parcel's TikTok packages a read-back shows done with our tracking, and which shipped otherwise.</summary>
public sealed class ParcelProgressTests
{
    private const string Tracking = "123412341234";
    private const string Provider = "yamato";

    private static TikTokOrderLineItem Line(string id, string package, string? tracking = null, string? provider = Provider, bool cancelled = false) => new()
    {
        Id = id,
        PackageId = package,
        TrackingNumber = tracking,
        ShippingProviderId = tracking is null ? null : provider,
        DisplayStatus = cancelled ? TikTokOrderStatus.Cancelled : TikTokOrderStatus.AwaitingShipment,
    };

    [Fact]
    public void ProgressOf_FirstPackageShippedWithOurTracking_CountsItDoneAndLeavesTheOther()
    {
        var progress = TikTokPackageCalls.ProgressOf([Line("L1", "P1", Tracking), Line("L2", "P2")], ["L1", "L2"], Tracking, Provider);

        Assert.Equal(["L1"], progress.ShippedWithOurTracking);
        Assert.Equal(["P1"], progress.DonePackages);
        Assert.Empty(progress.ShippedOtherwise);
    }

    [Fact]
    public void ProgressOf_PackageShippedWithAnotherTrackingNumber_IsShippedOtherwise()
    {
        var progress = TikTokPackageCalls.ProgressOf([Line("L1", "P1", Tracking), Line("L2", "P2", "999999999999")], ["L1", "L2"], Tracking, Provider);

        Assert.Equal(["L2"], progress.ShippedOtherwise);
    }

    [Fact]
    public void ProgressOf_OurTrackingWithAnotherProvider_IsShippedOtherwise()
    {
        var progress = TikTokPackageCalls.ProgressOf([Line("L1", "P1", Tracking, provider: "sagawa")], ["L1"], Tracking, Provider);

        Assert.Empty(progress.ShippedWithOurTracking);
        Assert.Equal(["L1"], progress.ShippedOtherwise);
    }

    [Fact]
    public void ProgressOf_LinesOfOtherParcelsAndCancelledLines_AreNotCounted()
    {
        var progress = TikTokPackageCalls.ProgressOf(
            [Line("L1", "P1", Tracking), Line("L2", "P2", "999999999999"), Line("L3", "P1", Tracking, cancelled: true)], ["L1", "L3"], Tracking, Provider);

        Assert.Equal(["L1"], progress.ShippedWithOurTracking);
        Assert.Empty(progress.ShippedOtherwise);
    }
}
