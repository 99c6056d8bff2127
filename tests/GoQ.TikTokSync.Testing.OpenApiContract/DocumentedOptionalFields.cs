namespace GoQ.TikTokSync.Testing.OpenApiContract;

/// <summary>
/// Response fields the OAS example shows but TikTok documents as optional (absent for Japanese local seller-shipped
/// orders, or only present after an event). <see cref="TikTokShopOpenApi.ValidateResponseBody"/> requires every other
/// field the example carries. Each entry names where TikTok says so; add an entry only with such a statement, never to
/// make a failing emulator pass. Pointers are JSON pointers of the object holding the field, <c>*</c> for any array
/// element; they hold for every operation whose response has that object there.
/// </summary>
public static class DocumentedOptionalFields
{
    /// <summary>Line items that have not been shipped: package status TO_FULFILL, or CANCELLED before shipping.</summary>
    /// <summary>Orders not (yet) paid: UNPAID, or CANCELLED (an unpaid order that timed out or was cancelled).</summary>
    private static readonly OptionalWhile Unpaid = new("status", ["UNPAID", "CANCELLED"]);

    /// <summary>Orders whose address TikTok withholds: UNPAID, ON_HOLD, or CANCELLED from one of them.</summary>
    private static readonly OptionalWhile AddressWithheld = new("status", ["UNPAID", "ON_HOLD", "CANCELLED"]);

    private static readonly OptionalWhile UnshippedLine = new("package_status", ["TO_FULFILL", "CANCELLED"]);

    /// <summary>The list. Sources are the OAS field descriptions (quoted) unless said otherwise.</summary>
    public static IReadOnlyList<DocumentedOptionalField> All { get; } =
    [
        new("/data/orders/*", "cancel_reason", "Set only when the order is cancelled (the field describes the cancellation)."),
        new("/data/orders/*", "cancel_time", "'The time an order's status was updated to CANCELLED': only cancelled orders have it."),
        new("/data/orders/*", "cancellation_initiator", "Cancellation request initiator: only orders with a cancellation have one."),
        new("/data/orders/*", "request_cancel_time", "'Buyer request cancellation time': only after a buyer asks to cancel."),
        new("/data/orders/*", "collection_time", "'The time an order's status has been updated to IN_TRANSIT': not before collection."),
        new("/data/orders/*", "delivery_time", "'The time an order's status changed to DELIVERED': not before delivery."),
        new("/data/orders/*", "rts_time", "'The time sellers shipped the order': not before the first shipment."),
        new("/data/orders/*", "tracking_number", "'Available after the package has been shipped.'"),
        new("/data/orders/*", "shipping_provider", "The current shipping provider: there is none before shipping (see tracking_number)."),
        new("/data/orders/*", "shipping_provider_id", "As shipping_provider: set when the package is shipped."),
        new("/data/orders/*", "split_or_combine_tag", "Only COMBINED or SPLIT are described; an order that is neither has no tag."),
        new("/data/orders/*", "auto_combine_group_id", "Only for orders of a LIVE session with auto-combination enabled in Seller Center."),
        new("/data/orders/*", "replaced_order_id", "'Returned only if is_replacement_order = true.'"),
        new("/data/orders/*", "release_date", "'Applicable only if the order_type is PRE_ORDER' (US)."),
        new("/data/orders/*", "handling_duration", "'Applicable only if the order_type is MADE_TO_ORDER or BACK_ORDER' (US)."),
        new("/data/orders/*", "consultation_id", "'Applicable only if an ePharmacy consultation was initiated.'"),
        new("/data/orders/*", "cpf", "'Only available in the Brazil market.'"),
        new("/data/orders/*", "cpf_name", "'Name belonging to the CPF number for the Brazil market.'"),
        new("/data/orders/*", "channel_entity_national_registry_id", "Brazil: 'the CNPJ of payment institution' (Get Order Detail only)."),
        new("/data/orders/*", "payment_auth_code", "'Only for the Brazilian market' (Get Order Detail only)."),
        new("/data/orders/*", "payment_card_type", "'Only assigned when the payment method is using bank card' (Get Order Detail only)."),
        new("/data/orders/*", "payment_method_code", "Get Order Detail only; grouped with the Brazil payment fields in docs/tiktok-shop-api.md#order-object. The emulator serves one order shape for search and detail, and search does not declare it."),
        new("/data/orders/*", "commerce_platform", "'Available only in the Indonesia market.'"),
        new("/data/orders/*", "exchange_source_order_id", "'Returned only if is_exchange_order = true. Only available in US and UK.'"),
        new("/data/orders/*", "is_exchange_order", "'Only available in US and UK.'"),
        new("/data/orders/*", "fast_delivery_program", "'Not returned if order did not meet fast delivery program requirements. Applicable only for the US market.'"),
        new("/data/orders/*", "fast_dispatch_sla_time", "Next Day Delivery incentive (TH/PH, docs/tiktok-shop-api.md#order-object)."),
        new("/data/orders/*", "fulfillment_priority_level", "'Only available in SEA' (Get Order List only)."),
        new("/data/orders/*", "recommended_shipping_time", "'Only available in SEA' (Get Order List only)."),
        new("/data/orders/*", "pick_up_cut_off_time", "'Only applicable in South East Asia.'"),
        new("/data/orders/*", "need_upload_invoice", "'Only for Brazil market.'"),
        new("/data/orders/*", "order_rights", "'Applicable for SEA market only.'"),
        new("/data/orders/*/payment", "tax", "'Applicable to crossborder shops and the US market'; a JP local shop's prices include consumption tax."),
        new("/data/orders/*/payment", "buyer_service_fee", "'Only available in Indonesia market.'"),
        new("/data/orders/*/payment", "distance_fee", "'Only applicable for ID market.'"),
        new("/data/orders/*/payment", "distance_shipping_fee", "'Only applicable in ID Market.'"),
        new("/data/orders/*/payment", "item_insurance_fee", "'Available only in the Indonesia market.'"),
        new("/data/orders/*/payment", "shipping_insurance_fee", "'Available only in the Indonesia market.'"),
        new("/data/orders/*/payment", "item_insurance_tax", "'Only applicable in US market.'"),
        new("/data/orders/*/payment", "retail_delivery_fee", "'Only available in the US market.'"),
        new("/data/orders/*/payment", "small_order_fee", "'Thailand market only.'"),
        new("/data/orders/*/line_items/*", "cancel_reason", "'Item cancellation reason': only cancelled lines have one."),
        new("/data/orders/*/line_items/*", "cancel_user", "The initiator of a cancellation: only cancelled lines have one."),
        new("/data/orders/*/line_items/*", "combined_listing_skus", "Only for a virtual bundle SKU."),
        new("/data/orders/*/line_items/*", "handling_duration_days", "Deprecated; only for MADE_TO_ORDER/BACK_ORDER SKUs (US)."),
        new("/data/orders/*/line_items/*", "buyer_service_fee", "'Only available in Indonesia market.'"),
        new("/data/orders/*/line_items/*", "distance_fee", "'Only applicable for ID market.'"),
        new("/data/orders/*/line_items/*", "distance_shipping_fee", "'Only applicable in ID Market.'"),
        new("/data/orders/*/line_items/*", "small_order_fee", "'Small order fee for Thailand (TH).'"),
        new("/data/orders/*/line_items/*", "retail_delivery_fee", "'Only available in the US market.'"),
        new("/data/orders/*/line_items/*", "pfand_fee", "'Only available in Germany market.'"),
        new("/data/orders/*/line_items/*", "is_unboxing_item", "'Currently only available in the US market.'"),
        new("/data/orders/*/line_items/*", "unboxing_sku_code", "'Currently only available in the US market.'"),
        new("/data/orders/*/recipient_address", "address_line3", "'Usually only for the Brazilian market.'"),
        new("/data/orders/*/recipient_address", "address_line4", "'Usually only for the Brazilian market.'"),
        new("/data/orders/*/recipient_address", "post_town", "'Available only in UK market.'"),
        new("/data/orders/*/recipient_address", "delivery_preferences", "'Currently, only available in the US market.'"),

        // Payment-based fields: an unpaid order (or one cancelled unpaid) has no payment time, so nothing counted from it.
        new("/data/orders/*", "paid_time", "'The date and time that the order was paid': not before payment.", Unpaid),
        new("/data/orders/*", "rts_sla_time", "Latest shipping time, counted from payment.", Unpaid),
        new("/data/orders/*", "tts_sla_time", "Latest collection time, counted from payment.", Unpaid),
        new("/data/orders/*", "shipping_due_time", "Auto-cancel deadline for shipping, counted from payment.", Unpaid),
        new("/data/orders/*", "collection_due_time", "Auto-cancel deadline for collection, counted from payment.", Unpaid),
        new("/data/orders/*", "delivery_due_time", "Auto-cancel deadline for delivery, counted from payment.", Unpaid),
        new("/data/orders/*", "delivery_sla_time", "On-time delivery deadline, counted from payment.", Unpaid),
        new("/data/orders/*", "delivery_option_required_delivery_time", "Required delivery time, counted from payment.", Unpaid),

        // "recipient_address is not available under UNPAID and ON_HOLD statuses" (an order cancelled then has none either).
        new("/data/orders/*", "recipient_address", "Not available under UNPAID and ON_HOLD.", AddressWithheld),

        // Line-item shipment fields: "For local sellers in the US and UK markets, the package_id and package_status
        // property will not be returned before the package is shipped" (line_items.package_id); tracking_number is
        // "Available after package has been shipped". Whether JP lines carry a package before shipping is unconfirmed
        // (docs/tiktok-shop-api.md#unconfirmed), so these may be absent only while the line has not been shipped.
        new("/data/orders/*/line_items/*", "package_id", "Not returned before the package is shipped.", UnshippedLine),
        new("/data/orders/*/line_items/*", "tracking_number", "'Available after package has been shipped.'", UnshippedLine),
        new("/data/orders/*/line_items/*", "shipping_provider_id", "The line's carrier: set when it is shipped.", UnshippedLine),
        new("/data/orders/*/line_items/*", "shipping_provider_name", "The line's carrier: set when it is shipped.", UnshippedLine),
        new("/data/orders/*/line_items/*", "rts_time", "'The time seller shipped line order': not before shipping.", UnshippedLine),

        // Address levels: ISO 3166-2 has codes for the country and prefectures only, so city and town levels have none
        // to send. What TikTok sends there for JP is unconfirmed (no JP district_info sample exists).
        new("/data/orders/*/recipient_address/district_info/*", "iso_code", "No ISO 3166-2 code exists below prefecture level."),

        // Get Package Detail of a seller-shipped (self-shipment, drop-off) package.
        new("/data", "dimension", "'The dimensions of the scheduled package': only packages scheduled for TikTok shipping."),
        new("/data", "weight", "'The weight of the scheduled package': as dimension."),
        new("/data", "pickup_slot", "Pickup time slots: only for handover_method PICKUP."),
        new("/data", "insurance", "'Shipping insurance auto-enrolled during label purchase': no label is bought for self-shipment."),
        new("/data", "last_mile_tracking_number", "'For cross-border order only.'"),
        new("/data/orders/*", "skus", "'[Deprecated]SKU information.'"),
        new("/data/recipient_address", "address_line3", "'Usually only for the Brazilian market.'"),
        new("/data/recipient_address", "address_line4", "'Usually only for the Brazilian market.'"),
        new("/data/sender_address", "address_line3", "'Usually only for the Brazilian market.'"),
        new("/data/sender_address", "address_line4", "'Usually only for the Brazilian market.'"),

        // Mark Package As Shipped: the warning appears only when something needs one, e.g. "match more than one provider".
        new("/data", "warning", "Only when TikTok has a warning for the call (docs/tiktok-shop-api.md#mark-package-as-shipped)."),
    ];
}

/// <summary>
/// One optional field: <paramref name="Name"/> inside the object at <paramref name="ObjectPointer"/>. With
/// <paramref name="OnlyWhile"/>, the field may be absent only while a sibling has one of the given values.
/// </summary>
public sealed record DocumentedOptionalField(string ObjectPointer, string Name, string Why, OptionalWhile? OnlyWhile = null)
{
    public string Key => ObjectPointer + "/" + Name;
}

/// <summary>A condition on a sibling field: <paramref name="Sibling"/> is present and equals one of <paramref name="Values"/>.</summary>
public sealed record OptionalWhile(string Sibling, IReadOnlyList<string> Values);
