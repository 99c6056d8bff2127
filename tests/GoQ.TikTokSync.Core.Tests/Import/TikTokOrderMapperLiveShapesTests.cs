using GoQ.TikTokSync.Core.Import;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Tests.Import;

/// <summary>What TikTok JP really sends: masked TikTok-shipped recipients, formatted numbers, wards as their own level.</summary>
public sealed class TikTokOrderMapperLiveShapesTests
{
    private static TikTokOrder Incoming(TikTokRecipientAddress address, string? shippingType = "SELLER") => new()
    {
        Id = "576400000000001013",
        Status = new TikTokOrderStatus("AWAITING_SHIPMENT"),
        CreateTime = DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        ShippingType = shippingType,
        BuyerMessage = "誕生日プレゼントです🎁",
        RecipientAddress = address,
    };

    private static TikTokDistrictInfo Level(string level, string name) => new() { AddressLevel = level, AddressName = name };

    [Fact]
    public void ApplyTikTokFields_WardSentAsItsOwnLevel_KeepsEveryLevelBelowTheCity()
    {
        var order = new Order();
        TikTokOrderMapper.ApplyTikTokFields(order, Incoming(new TikTokRecipientAddress
        {
            Name = "山田\u3000太郎",
            PostalCode = "220-0012",
            DistrictInfo = [Level("L0", "日本"), Level("L1", "神奈川県"), Level("L2", "横浜市"), Level("L4", "みなとみらい"), Level("L3", "西区")],
            AddressLine1 = "1-2-3",
        }));

        Assert.Equal("神奈川県", order.Prefecture);
        Assert.Equal("横浜市", order.City);
        Assert.Equal("西区みなとみらい", order.Town);
        Assert.Equal("山田\u3000太郎", order.RecipientName);
        Assert.Equal("2200012", order.PostalCode);
        Assert.Equal("誕生日プレゼントです🎁", order.BuyerMessage);
    }

    [Fact]
    public void ApplyTikTokFields_TikTokShippedMaskedRecipient_KeepsTheMaskAndStoresNoDigits()
    {
        var order = new Order();
        TikTokOrderMapper.ApplyTikTokFields(order, Incoming(new TikTokRecipientAddress { Name = "山***", PhoneNumber = "(+81)090******78", PostalCode = "1008111" }, "TIKTOK"));

        Assert.True(order.IsShippedByTikTok);
        Assert.True(order.IsPhoneMasked);
        Assert.Equal("(+81)090******78", order.PhoneNumber);
        Assert.Null(order.PhoneDigits);
        Assert.Equal("山***", order.RecipientName);
    }
}
