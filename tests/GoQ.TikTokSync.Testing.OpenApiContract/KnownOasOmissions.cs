namespace GoQ.TikTokSync.Testing.OpenApiContract;

/// <summary>
/// Requirements that the TikTok Shop documentation states but the OAS files leave out (the OAS carries no
/// <c>required</c> lists for bodies at all). Only facts with a named source belong here; the validator invents no others.
/// Sources refer to the project's API notes, docs/tiktok-shop-api.md.
/// </summary>
public static class KnownOasOmissions
{
    /// <summary>
    /// Common query parameters of every signed Open API call (docs/tiktok-shop-api.md#common-parameters): the OAS documents them once,
    /// globally, and not per operation. <c>shop_cipher</c> is not here: the OAS declares it per operation, and it must
    /// be absent where it is not declared (docs/tiktok-shop-api.md#common-parameters: 36009004 "Unexpected identifier").
    /// </summary>
    public static IReadOnlyList<string> CommonQueryParameters { get; } = ["app_key", "timestamp", "sign"];

    /// <summary>
    /// Every Open API response is the envelope <c>{code, message, request_id, data}</c> (docs/tiktok-shop-api.md#envelope).
    /// <c>data</c> is not listed: it may be missing or null on errors.
    /// </summary>
    public static IReadOnlyList<string> EnvelopeRequiredFields { get; } = ["code", "message", "request_id"];

    /// <summary>Body fields that the documentation marks required although the OAS does not.</summary>
    public static IReadOnlyList<KnownRequiredFields> RequiredFields { get; } =
    [
        new(
            Name: "MarkPackageAsShippedTrackingAndProvider",
            Method: "POST",
            PathTemplate: "/fulfillment/202309/orders/{order_id}/packages",
            Direction: ContractDirection.Request,
            ObjectPointer: "",
            Names: ["tracking_number", "shipping_provider_id"],
            Source: "docs/tiktok-shop-api.md#mark-package-as-shipped: the Mark Package As Shipped page marks tracking_number and "
                + "shipping_provider_id required; the OAS omits the flags."),
    ];
}

/// <summary>
/// Properties that must be present in the object found at <paramref name="ObjectPointer"/> (a JSON pointer into the
/// body; <c>*</c> stands for any array element, "" for the body itself).
/// </summary>
public sealed record KnownRequiredFields(
    string Name,
    string Method,
    string PathTemplate,
    ContractDirection Direction,
    string ObjectPointer,
    IReadOnlyList<string> Names,
    string Source);
