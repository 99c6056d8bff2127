namespace GoQ.TikTokSync.Testing.OpenApiContract;

/// <summary>
/// Places where the OAS text itself is wrong or incomplete for the wire. Each entry is one named, documented exception
/// at one location; nothing is loosened globally except <see cref="ErrorEnvelopeDataMayBeNull"/>, which concerns the
/// envelope the OAS does not describe at all (it only describes the success response).
/// </summary>
public static class KnownOasQuirks
{
    /// <summary>
    /// The OAS describes only the 200/success envelope, where <c>data</c> is an object. Errors come back with a non-zero
    /// <c>code</c> and <c>data</c> null or absent (docs/tiktok-shop-api.md#envelope). With a non-zero code, a null <c>data</c> is
    /// accepted; a non-null <c>data</c> is still validated against the operation's schema.
    /// </summary>
    public const string ErrorEnvelopeDataMayBeNull = nameof(ErrorEnvelopeDataMayBeNull);

    /// <summary>Every location-specific exception.</summary>
    public static IReadOnlyList<KnownOasQuirk> All { get; } =
    [
        new(
            Name: "OrderSearchDeliveryOptionNameIsDisplayText",
            Method: "POST",
            PathTemplate: "/order/202309/orders/search",
            Direction: ContractDirection.Response,
            InstancePointer: "/data/orders/*/delivery_option_name",
            Kind: OasQuirkKind.DescribedValuesAreExamples,
            ExtraValues: [],
            Explanation: "The description says 'For display purposes only' and then lists 'Available values' "
                + "(Economy/Standard/Express Shipping); the same field in Get Order Detail lists none, and the name is "
                + "whatever the delivery option is called in the shop (docs/tiktok-shop-api.md#order-object: display only)."),
        new(
            Name: "OrderSearchOrderTypeEmptyForStandardOrders",
            Method: "POST",
            PathTemplate: "/order/202309/orders/search",
            Direction: ContractDirection.Response,
            InstancePointer: "/data/orders/*/order_type",
            Kind: OasQuirkKind.DescribedValuesMissValue,
            ExtraValues: [""],
            Explanation: "The bullet list names NORMAL, ZERO_LOTTERY and the US types, but the same description adds "
                + "'Returns an empty value for standard orders' (docs/tiktok-shop-api.md#order-object: 'empty for standard')."),
        new(
            Name: "OrderDetailOrderTypeEmptyForStandardOrders",
            Method: "GET",
            PathTemplate: "/order/202309/orders",
            Direction: ContractDirection.Response,
            InstancePointer: "/data/orders/*/order_type",
            Kind: OasQuirkKind.DescribedValuesMissValue,
            ExtraValues: [""],
            Explanation: "Same description as in Get Order List: 'Returns an empty value for standard orders'."),
    ];
}

/// <summary>
/// One exception to the OAS at one location. <paramref name="InstancePointer"/> is a JSON pointer into the body
/// (<c>*</c> for any array element) or, for query parameters, <c>?name</c>.
/// </summary>
public sealed record KnownOasQuirk(
    string Name,
    string Method,
    string PathTemplate,
    ContractDirection Direction,
    string InstancePointer,
    OasQuirkKind Kind,
    IReadOnlyList<string> ExtraValues,
    string Explanation);

public enum OasQuirkKind
{
    /// <summary>The values listed in the description are examples, not a closed set: no enum is enforced.</summary>
    DescribedValuesAreExamples,

    /// <summary>The listed values are a closed set that lacks values the API documents; <c>ExtraValues</c> adds them.</summary>
    DescribedValuesMissValue,
}
