using GoQ.TikTokSync.Testing.OpenApiContract;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.TikTokShop.Tests.Samples;
using GoQ.TikTokSync.TikTokShop.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Tests;

/// <summary>Everything the client sends, and the samples it is tested with, checked against the official OAS.</summary>
public sealed class ContractTests : IDisposable
{
    private readonly TestHost _host = new();
    private readonly TikTokShopOpenApi _openApi = TikTokShopOpenApi.Load();

    public void Dispose() => _host.Dispose();

    public static TheoryData<string> Calls => new()
    {
        "search-all-filters",
        "search-no-filters-with-page-token",
        "order-detail",
        "authorized-shops",
        "shipping-providers",
        "mark-shipped-all-items",
        "mark-shipped-some-items",
        "update-shipping-info",
        "package-detail",
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task SentRequest_MatchesOasBodyQueryAndHeaders(string call)
    {
        _host.Handler.Fallback = _ => Responses.Success();
        await SendAsync(call);

        var sent = Assert.Single(_host.Handler.Requests);
        var method = sent.Method.Method;
        Assert.True(_openApi.HasOperation(method, sent.Path), $"{method} {sent.Path} is not an OAS operation");

        _openApi.ValidateRequestBody(method, sent.Path, sent.Body.Length == 0 ? string.Empty : sent.BodyText).ThrowIfInvalid();
        _openApi.ValidateQuery(method, sent.Path, sent.Query).ThrowIfInvalid();
        TikTokShopOpenApi.ValidateJsonContentType(sent.ContentType, $"{method} {sent.Path} request").ThrowIfInvalid();

        var sentHeaders = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-tts-access-token"] = sent.AccessTokenHeader,
            ["content-type"] = sent.ContentType,
        };
        Assert.All(_openApi.RequiredHeaders(method, sent.Path), header =>
            Assert.False(string.IsNullOrEmpty(sentHeaders.GetValueOrDefault(header)), $"required header {header} missing"));
    }

    [Fact]
    public void MarkShipped_WithoutTrackingNumber_WouldFailTheContract_SoTheCheckHasTeeth()
    {
        var result = _openApi.ValidateRequestBody(
            "POST", "/fulfillment/202309/orders/576461413038785752/packages", """{"shipping_provider_id":"1","order_line_item_ids":[]}""");

        Assert.False(result.IsValid);
    }

    public static TheoryData<string, string, string> ResponseSamples => new()
    {
        { "POST", "/order/202309/orders/search", WireSamples.OrderSearchResponse },
        { "GET", "/order/202309/orders", WireSamples.OrderDetailResponse },
        { "GET", "/authorization/202309/shops", WireSamples.AuthorizedShopsResponse },
        { "GET", "/logistics/202309/delivery_options/7091146663229654785/shipping_providers", WireSamples.ShippingProvidersResponse },
        { "POST", "/fulfillment/202309/orders/576461413038785752/packages", WireSamples.MarkPackageAsShippedResponse },
        { "POST", "/fulfillment/202309/orders/576461413038785752/shipping_info/update", WireSamples.UpdateShippingInfoResponse },
        { "GET", "/fulfillment/202309/packages/1152321127278713123", WireSamples.PackageDetailResponse },
    };

    [Theory]
    [MemberData(nameof(ResponseSamples))]
    public void HandWrittenResponseSample_IsOasShaped(string method, string path, string json)
    {
        _openApi.ValidateResponseShape(method, path, json).ThrowIfInvalid();
    }

    [Fact]
    public void HandWrittenTokenSample_MatchesTheTokenSchema()
    {
        _openApi.ValidateTokenResponse(WireSamples.TokenResponse).ThrowIfInvalid();
    }

    private Task SendAsync(string call)
    {
        var api = _host.Api;
        var shop = _host.Shop;
        return call switch
        {
            "search-all-filters" => api.SearchOrdersPageAsync(shop, new TikTokOrderSearchRequest
            {
                Status = TikTokOrderStatus.AwaitingShipment,
                CreateTimeFrom = DateTimeOffset.FromUnixTimeSeconds(1700000000),
                CreateTimeBefore = DateTimeOffset.FromUnixTimeSeconds(1700086400),
                UpdateTimeFrom = DateTimeOffset.FromUnixTimeSeconds(1700000000),
                UpdateTimeBefore = DateTimeOffset.FromUnixTimeSeconds(1700086400),
                PageSize = 100,
                SortField = TikTokOrderSortField.CreateTime,
                SortOrder = TikTokSortOrder.Descending,
            }),
            "search-no-filters-with-page-token" => api.SearchOrdersPageAsync(shop, new TikTokOrderSearchRequest(), "6AsPQsUM+7D1ud64MPNz5OaT/x=="),
            "order-detail" => api.GetOrderDetailsAsync(shop, ["576461413038785752", "576461413038785753"]),
            "authorized-shops" => api.GetAuthorizedShopsAsync(_host.Tokens),
            "shipping-providers" => api.GetShippingProvidersAsync(shop, "7091146663229654785"),
            "mark-shipped-all-items" => api.MarkPackageAsShippedAsync(
                shop, "576461413038785752", new TikTokMarkPackageShippedRequest("123456789012", "7117858858072016686")),
            "mark-shipped-some-items" => api.MarkPackageAsShippedAsync(
                shop, "576461413038785752", new TikTokMarkPackageShippedRequest("123456789012", "7117858858072016686", ["577086512123755123", "577086512123755124"])),
            "update-shipping-info" => api.UpdateShippingInfoAsync(
                shop, "576461413038785752", new TikTokUpdateShippingInfoRequest("987654321098", "7117858858072016687")),
            "package-detail" => api.GetPackageDetailAsync(shop, "1152321127278713123"),
            _ => throw new ArgumentOutOfRangeException(nameof(call), call, "unknown call"),
        };
    }
}
