namespace GoQ.TikTokSync.TikTokShop.Http;

/// <summary>Endpoint path templates (202309 versions; the version lives in the path).</summary>
public static class TikTokShopPaths
{
    public const string AuthorizedShops = "/authorization/202309/shops";
    public const string OrderSearch = "/order/202309/orders/search";
    public const string OrderDetail = "/order/202309/orders";
    public const string ShippingProviders = "/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers";
    public const string MarkPackageAsShipped = "/fulfillment/202309/orders/{order_id}/packages";
    public const string UpdateShippingInfo = "/fulfillment/202309/orders/{order_id}/shipping_info/update";
    public const string PackageDetail = "/fulfillment/202309/packages/{package_id}";

    public const string TokenGet = "/api/v2/token/get";
    public const string TokenRefresh = "/api/v2/token/refresh";

    // Sending shop_cipher to these modules fails with 36009004 "Unexpected identifier" (docs/tiktok-shop-api.md#common-parameters).
    private static readonly string[] ModulesWithoutShopCipher = ["/authorization/", "/seller/"];

    /// <summary>False for the endpoints that refuse a <c>shop_cipher</c>.</summary>
    public static bool AcceptsShopCipher(string path) =>
        !ModulesWithoutShopCipher.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Fills one <c>{name}</c> segment, percent-encoding the value.</summary>
    public static string Fill(string template, string parameterName, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        var placeholder = "{" + parameterName + "}";
        if (!template.Contains(placeholder, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Template {template} has no {placeholder}.", nameof(parameterName));
        }

        return template.Replace(placeholder, Uri.EscapeDataString(value), StringComparison.Ordinal);
    }
}
