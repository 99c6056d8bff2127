using System.Globalization;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Emulator.Wire;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

/// <summary>Turns the emulator's order records into the 202309 wire shape. Call it under the shop's lock.</summary>
internal static class OrderWireMapper
{
    public const string Currency = "JPY";
    public const string SellerShipping = "SELLER";
    public const string TikTokShipping = "TIKTOK";
    public const string FulfillmentBySeller = "FULFILLMENT_BY_SELLER";
    public const string HomeDelivery = "HOME_DELIVERY";

    /// <summary>Whether the shop runs the UNPAID → ON_HOLD → AWAITING_SHIPMENT flow; whether JP does is UNCONFIRMED (docs/tiktok-shop-api.md#order-statuses).</summary>
    public const bool UsesOnHoldFlow = true;

    /// <summary>
    /// Which katakana reading goes where. The API spells the fields first/last; the JP CSV export shows the family-name
    /// reading under 名 (docs/tiktok-shop-api.md#order-object quirk), so the real placement is UNCONFIRMED. False: first = given name, last = family name.
    /// </summary>
    public static readonly bool SwapKatakanaNames;

    /// <summary>The order type of every emulated order: in-stock goods (the OAS also allows "" for standard orders).</summary>
    public const string NormalOrderType = "NORMAL";

    /// <summary>The buyer avatar sent for every buyer (an invented placeholder on the emulator's own host name).</summary>
    public const string BuyerAvatarUrl = "https://emulator.invalid/avatar/default.jpeg";

    public static OrderWire ToWire(OrderRecord order)
    {
        var latestPackage = order.Packages.Count > 0 ? order.Packages[^1] : null;
        var productTotal = order.LineItems.Sum(l => l.OriginalPrice);
        var sellerDiscount = order.LineItems.Sum(l => l.SellerDiscount);
        var platformDiscount = order.LineItems.Sum(l => l.PlatformDiscount);
        var subTotal = productTotal - sellerDiscount - platformDiscount;
        var shippingFee = order.OriginalShippingFee - order.ShippingFeeSellerDiscount - order.ShippingFeePlatformDiscount;

        return new OrderWire
        {
            Id = order.Id,
            Status = order.Status,
            CreateTime = order.CreateTime,
            UpdateTime = order.UpdateTime,
            PaidTime = order.PaidTime,
            RtsTime = order.RtsTime,
            RtsSlaTime = order.PaidTime + (long)PlatformTimings.ReadyToShipSla.TotalSeconds,
            TtsSlaTime = order.PaidTime + (long)PlatformTimings.CollectionSla.TotalSeconds,
            ShippingDueTime = order.PaidTime + (long)PlatformTimings.ReadyToShipSla.TotalSeconds,
            CollectionDueTime = order.PaidTime + (long)PlatformTimings.CollectionSla.TotalSeconds,
            DeliverySlaTime = order.PaidTime + (long)PlatformTimings.DeliverySla.TotalSeconds,
            DeliveryOptionRequiredDeliveryTime = order.PaidTime + (long)PlatformTimings.DeliverySla.TotalSeconds,
            DeliveryDueTime = order.PaidTime + (long)PlatformTimings.DeliveryDue.TotalSeconds,
            CancelOrderSlaTime = order.PaidTime is null
                ? order.CreateTime + (long)PlatformTimings.UnpaidTimeout.TotalSeconds
                : order.PaidTime + (long)PlatformTimings.ReadyToShipSla.TotalSeconds,
            OrderType = NormalOrderType,
            CollectionTime = order.CollectionTime,
            DeliveryTime = order.DeliveryTime,
            CancelTime = order.CancelTime,
            RequestCancelTime = order.RequestCancelTime,
            CancelReason = order.CancelReason,
            CancellationInitiator = order.CancellationInitiator,
            IsBuyerRequestCancel = order.IsBuyerRequestCancel,
            IsOnHoldOrder = order.UsesOnHoldFlow,
            IsCod = false,
            IsSampleOrder = false,
            IsReplacementOrder = false,
            HasUpdatedRecipientAddress = order.HasUpdatedRecipientAddress,
            UserId = order.UserId,
            BuyerEmail = order.BuyerEmail,
            BuyerNickname = order.BuyerNickname,
            BuyerAvatar = BuyerAvatarUrl,
            BuyerMessage = order.BuyerMessage,
            SellerNote = string.Empty,
            FulfillmentType = FulfillmentBySeller,
            ShippingType = order.ShippingType,
            DeliveryType = HomeDelivery,
            DeliveryOptionId = order.DeliveryOptionId,
            DeliveryOptionName = order.DeliveryOptionName,
            ShippingProvider = latestPackage?.ShippingProviderName,
            ShippingProviderId = latestPackage?.ShippingProviderId,
            TrackingNumber = latestPackage?.TrackingNumber,
            SplitOrCombineTag = order.AutoCombineGroupId is not null ? "COMBINED"
                : order.Packages.Count + order.PendingPackageIds.Count() > 1 ? "SPLIT" : null,
            AutoCombineGroupId = order.AutoCombineGroupId,
            WarehouseId = order.WarehouseId,
            PaymentMethodName = order.PaymentMethodName,
            Payment = new PaymentWire
            {
                Currency = Currency,
                SubTotal = Yen(subTotal),
                ShippingFee = Yen(shippingFee),
                TotalAmount = Yen(subTotal + shippingFee),
                OriginalTotalProductPrice = Yen(productTotal),
                OriginalShippingFee = Yen(order.OriginalShippingFee),
                SellerDiscount = Yen(sellerDiscount),
                PlatformDiscount = Yen(platformDiscount),
                ShippingFeeSellerDiscount = Yen(order.ShippingFeeSellerDiscount),
                ShippingFeePlatformDiscount = Yen(order.ShippingFeePlatformDiscount),

                // No co-funded shipping, tax lines (JP prices include consumption tax), fees or payment-platform discounts.
                ShippingFeeCofundedDiscount = Yen(0),
                ProductTax = Yen(0),
                ShippingFeeTax = Yen(0),
                HandlingFee = Yen(0),
                PaymentPlatformDiscount = Yen(0),
                PaymentDiscountServiceFee = Yen(0),
            },
            RecipientAddress = order.AddressReleased ? ToWire(order.Recipient) : null,
            Packages = order.Packages.Select(p => p.Id).Concat(order.PendingPackageIds).Distinct(StringComparer.Ordinal)
                .Select(id => new PackageRefWire { Id = id }).ToArray(),
            LineItems = order.LineItems.Select(l => ToWire(order, l)).ToArray(),
        };
    }

    public static string Yen(int amount) => amount.ToString(CultureInfo.InvariantCulture);

    public static string FullAddress(RecipientRecord r)
    {
        var street = r.Locality.Prefecture + r.Locality.City + r.Locality.Town + r.StreetNumber;
        return r.Building.Length == 0 ? street : street + " " + r.Building;
    }

    public static string AddressDetail(RecipientRecord r)
    {
        var detail = r.Locality.Town + r.StreetNumber;
        return r.Building.Length == 0 ? detail : detail + " " + r.Building;
    }

    public static string LineDisplayStatus(OrderRecord order, LineItemRecord line) => line.IsCancelled ? OrderStatuses.Cancelled : order.Status switch
    {
        OrderStatuses.Cancelled => OrderStatuses.Cancelled,
        OrderStatuses.Unpaid => OrderStatuses.Unpaid,

        // Line items have no ON_HOLD or PARTIALLY_SHIPPING (docs/tiktok-shop-api.md#order-statuses); a paid, held line waits for shipment.
        OrderStatuses.OnHold or OrderStatuses.AwaitingShipment => OrderStatuses.AwaitingShipment,
        OrderStatuses.PartiallyShipping => line.Package is null ? OrderStatuses.AwaitingShipment : OrderStatuses.AwaitingCollection,
        _ => order.Status,
    };

    public static string PackageStatus(OrderRecord order) => order.Status switch
    {
        OrderStatuses.Cancelled => "CANCELLED",
        OrderStatuses.InTransit => "FULFILLING",
        OrderStatuses.Delivered or OrderStatuses.Completed => "COMPLETED",
        _ => "PROCESSING",
    };

    private static LineItemWire ToWire(OrderRecord order, LineItemRecord line) => new()
    {
        Id = line.Id,
        SkuId = line.SkuId,
        ProductId = line.ProductId,
        ProductName = line.ProductName,
        SkuName = line.SkuName,
        SellerSku = line.SellerSku,
        SkuType = "NORMAL",
        Currency = Currency,
        OriginalPrice = Yen(line.OriginalPrice),
        SalePrice = Yen(line.SalePrice),
        SellerDiscount = Yen(line.SellerDiscount),
        PlatformDiscount = Yen(line.PlatformDiscount),
        DisplayStatus = LineDisplayStatus(order, line),
        PackageStatus = order.IsFinalCancelled || line.IsCancelled ? "CANCELLED" : line.Package is null ? "TO_FULFILL" : PackageStatus(order),
        PackageId = line.Package?.Id ?? line.PendingPackageId,
        TrackingNumber = line.Package?.TrackingNumber,
        ShippingProviderId = line.Package?.ShippingProviderId,
        ShippingProviderName = line.Package?.ShippingProviderName,
        RtsTime = line.Package?.RtsTime,
        CancelUser = line.CancelUser,
        CancelReason = line.CancelReason,
        IsGift = false,
        GiftRetailPrice = Yen(0),
        SkuImage = "https://emulator.invalid/sku/" + line.SkuId + ".jpeg",
        IsDangerousGood = false,
        NeedsPrescription = false,
        ItemTax = [],
    };

    private static RecipientAddressWire ToWire(RecipientRecord r) => new()
    {
        Name = r.Name,
        FirstName = r.GivenNameKanji,
        LastName = r.FamilyNameKanji,
        FirstNameLocalScript = SwapKatakanaNames ? r.FamilyNameKatakana : r.GivenNameKatakana,
        LastNameLocalScript = SwapKatakanaNames ? r.GivenNameKatakana : r.FamilyNameKatakana,
        PhoneNumber = r.PhoneNumber,
        FullAddress = FullAddress(r),
        AddressDetail = AddressDetail(r),
        AddressLine1 = r.StreetNumber,
        AddressLine2 = r.Building,
        PostalCode = r.PostalCode,
        RegionCode = "JP",
        DistrictInfo = DistrictInfo(r),
    };

    private static DistrictInfoWire[] DistrictInfo(RecipientRecord r)
    {
        var country = new DistrictInfoWire { AddressLevel = "L0", AddressLevelName = "Country", AddressName = "日本", IsoCode = "JP" };
        var prefecture = new DistrictInfoWire { AddressLevel = "L1", AddressLevelName = "Prefecture", AddressName = r.Locality.Prefecture, IsoCode = r.Locality.IsoCode };
        var cityEnd = r.Locality.City.IndexOf('市', StringComparison.Ordinal);
        if (r.SplitsCityAndWard && cityEnd > 0 && cityEnd < r.Locality.City.Length - 1 && r.Locality.City.EndsWith('区'))
        {
            return
            [
                country,
                prefecture,
                new DistrictInfoWire { AddressLevel = "L2", AddressLevelName = "City", AddressName = r.Locality.City[..(cityEnd + 1)] },
                new DistrictInfoWire { AddressLevel = "L3", AddressLevelName = "Ward", AddressName = r.Locality.City[(cityEnd + 1)..] },
                new DistrictInfoWire { AddressLevel = "L4", AddressLevelName = "Town", AddressName = r.Locality.Town },
            ];
        }

        return
        [
            country,
            prefecture,
            new DistrictInfoWire { AddressLevel = "L2", AddressLevelName = "City", AddressName = r.Locality.City },
            new DistrictInfoWire { AddressLevel = "L3", AddressLevelName = "Town", AddressName = r.Locality.Town },
        ];
    }

    /// <summary>The sender address of every emulated package: one invented warehouse of the emulated seller.</summary>
    private static readonly PackageAddressWire SellerWarehouseAddress = new()
    {
        Name = "エミュレーター倉庫",
        PhoneNumber = "(+81)0312345678",
        FullAddress = "東京都江東区有明1-1-1",
        AddressDetail = "有明1-1-1",
        AddressLine1 = "1-1-1",
        AddressLine2 = string.Empty,
        PostalCode = "1350063",
        RegionCode = "JP",
    };

    public static PackageDetailData ToPackageDetail(PackageRecord package)
    {
        var order = package.Order;
        var r = order.Recipient;
        var lines = order.LineItems.Where(l => package.LineItemIds.Contains(l.Id, StringComparer.Ordinal)).ToList();
        return new PackageDetailData
        {
            PackageId = package.Id,
            PackageStatus = PackageStatus(order),
            TrackingNumber = package.TrackingNumber,
            ShippingProviderId = package.ShippingProviderId,
            ShippingProviderName = package.ShippingProviderName,
            DeliveryOptionId = order.DeliveryOptionId,
            DeliveryOptionName = order.DeliveryOptionName,
            ShippingType = order.ShippingType,
            HandoverMethod = "DROP_OFF",
            SplitAndCombineTag = package.CombinedOrders.Count > 0 ? "COMBINE" : order.Packages.Count > 1 ? "SPLIT" : "DEFAULT",
            HasMultiSkus = lines.Select(l => l.SkuId).Distinct(StringComparer.Ordinal).Count() > 1,
            OrderLineItemIds = package.LineItemIds.ToArray(),
            Orders = [new PackageOrderWire { Id = order.Id }, .. package.CombinedOrders.Select(o => new PackageOrderWire { Id = o.Id })],
            RecipientAddress = new PackageAddressWire
            {
                Name = r.Name,
                PhoneNumber = r.PhoneNumber,
                FullAddress = FullAddress(r),
                AddressDetail = AddressDetail(r),
                AddressLine1 = r.StreetNumber,
                AddressLine2 = r.Building,
                PostalCode = r.PostalCode,
                RegionCode = "JP",
            },
            SenderAddress = SellerWarehouseAddress,
            NoteTag = order.BuyerMessage.Length > 0 ? "BUYER_NOTED" : "BUYER_UNNOTED",
            CreateTime = package.CreateTime,
            UpdateTime = package.UpdateTime,
        };
    }

    public static DeliveryOption DeliveryOptionOf(OrderRecord order) =>
        JapaneseCarriers.FindDeliveryOption(order.DeliveryOptionId) ?? JapaneseCarriers.StandardDelivery;
}
