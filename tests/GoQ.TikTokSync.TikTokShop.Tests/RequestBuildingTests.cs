using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.TikTokShop.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Tests;

/// <summary>What goes on the wire: query, headers, body bytes and signature of each call.</summary>
public sealed class RequestBuildingTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task SearchOrders_C1Request_ReproducesPublishedSignEndToEnd()
    {
        _host.Handler.Enqueue(_ => Responses.Success("""{"orders":[],"total_count":0}"""));

        await _host.Api.SearchOrdersPageAsync(_host.Shop, new TikTokOrderSearchRequest
        {
            Status = TikTokOrderStatus.AwaitingShipment,
            UpdateTimeFrom = DateTimeOffset.FromUnixTimeSeconds(1700000000),
            UpdateTimeBefore = DateTimeOffset.FromUnixTimeSeconds(1700086400),
            PageSize = 50,
        });

        var sent = Assert.Single(_host.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("/order/202309/orders/search", sent.Path);
        Assert.Equal("""{"order_status":"AWAITING_SHIPMENT","update_time_ge":1700000000,"update_time_lt":1700086400}""", sent.BodyText);
        Assert.Equal("dbc0ad6d5e12ff3c66148cb85970e55aaab23cc8dd6a653263a1a6132427febc", sent.QueryValue("sign"));
    }

    [Fact]
    public async Task GetOrderDetails_C2Request_ReproducesPublishedSignEndToEnd()
    {
        _host.Handler.Enqueue(_ => Responses.Success("""{"orders":[]}"""));

        await _host.Api.GetOrderDetailsAsync(_host.Shop, ["576461413038785752", "576461413038785753"]);

        var sent = Assert.Single(_host.Handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("576461413038785752,576461413038785753", sent.QueryValue("ids"));
        Assert.Contains("ids=576461413038785752,576461413038785753", sent.Uri.Query, StringComparison.Ordinal);
        Assert.Equal("0e888959aae6ea5a2e5270c90de0cdaa00789074fe554bf0644af041d2af5397", sent.QueryValue("sign"));
    }

    [Fact]
    public async Task MarkPackageAsShipped_C3Request_ReproducesPublishedSignEndToEnd()
    {
        _host.Handler.Enqueue(_ => Responses.Success("""{"order_id":"576461413038785752","package_id":"1153132168123859123"}"""));

        await _host.Api.MarkPackageAsShippedAsync(
            _host.Shop,
            "576461413038785752",
            new TikTokMarkPackageShippedRequest("123456789012", "7117858858072016686", ["577086512123755123"]));

        var sent = Assert.Single(_host.Handler.Requests);
        Assert.Equal("/fulfillment/202309/orders/576461413038785752/packages", sent.Path);
        Assert.Equal(
            """{"tracking_number":"123456789012","shipping_provider_id":"7117858858072016686","order_line_item_ids":["577086512123755123"]}""",
            sent.BodyText);
        Assert.Equal("95f76eb745cbfc9478339cf0711409229dbb1f7b0a04e812460d00aa85fa347f", sent.QueryValue("sign"));
    }

    [Fact]
    public async Task SignedRequest_SignCoversExactlyTheBodyBytesSent()
    {
        _host.Handler.Enqueue(_ => Responses.Success());

        // Japanese text: the signature must hash the UTF-8 bytes that travel, not a re-encoding.
        await _host.Api.UpdateShippingInfoAsync(_host.Shop, "576461413038785752", new TikTokUpdateShippingInfoRequest("追跡-1234", "7117858858072016686"));

        var sent = Assert.Single(_host.Handler.Requests);
        Assert.Equal(TestHost.ExpectedSign(sent), sent.QueryValue("sign"));
        var alteredBody = sent with { Body = [.. sent.Body, (byte)' '] };
        Assert.NotEqual(TestHost.ExpectedSign(alteredBody), sent.QueryValue("sign"));
    }

    [Fact]
    public async Task SignedRequest_AccessTokenOnlyInHeader_AndJsonContentTypeEvenOnGet()
    {
        _host.Handler.Enqueue(_ => Responses.Success("""{"shipping_providers":[]}"""));

        await _host.Api.GetShippingProvidersAsync(_host.Shop, "7091146663229654785");

        var sent = Assert.Single(_host.Handler.Requests);
        Assert.Equal(_host.Tokens.CurrentToken, sent.AccessTokenHeader);
        Assert.DoesNotContain(_host.Tokens.CurrentToken, sent.Uri.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("access_token", sent.Uri.Query, StringComparison.Ordinal);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Empty(sent.Body);
        Assert.Equal(
            ["app_key", "shop_cipher", "sign", "timestamp"],
            sent.Query.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(TestHost.AppKey, sent.QueryValue("app_key"));
        Assert.Equal("1623812664", sent.QueryValue("timestamp"));
    }

    [Fact]
    public async Task GetAuthorizedShops_OmitsShopCipher()
    {
        _host.Handler.Enqueue(_ => Responses.Success("""{"shops":[]}"""));

        await _host.Api.GetAuthorizedShopsAsync(_host.Tokens);

        var sent = Assert.Single(_host.Handler.Requests);
        Assert.Equal("/authorization/202309/shops", sent.Path);
        Assert.Null(sent.QueryValue("shop_cipher"));
        Assert.Equal(TestHost.ExpectedSign(sent), sent.QueryValue("sign"));
    }

    [Fact]
    public async Task ShopScopedCalls_CarryShopCipher()
    {
        _host.Handler.Enqueue(_ => Responses.Success("""{"package_id":"1153132168123859123"}"""));

        await _host.Api.GetPackageDetailAsync(_host.Shop, "1153132168123859123");

        var sent = Assert.Single(_host.Handler.Requests);
        Assert.Equal("/fulfillment/202309/packages/1153132168123859123", sent.Path);
        Assert.Equal(TestHost.ShopCipher, sent.QueryValue("shop_cipher"));
    }

    [Fact]
    public async Task SearchOrders_PageTokenWithPlusAndSlash_SentEncodedAndSignedDecoded()
    {
        const string pageToken = "6AsPQsUMl0Dn+7D1ud64MPNz5OaT/aXk=";
        _host.Handler.Enqueue(_ => Responses.Success("""{"orders":[]}"""));

        await _host.Api.SearchOrdersPageAsync(_host.Shop, new TikTokOrderSearchRequest(), pageToken);

        var sent = Assert.Single(_host.Handler.Requests);
        Assert.Contains("page_token=6AsPQsUMl0Dn%2B7D1ud64MPNz5OaT%2FaXk%3D", sent.Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(pageToken, sent.QueryValue("page_token"));
        Assert.Equal(TestHost.ExpectedSign(sent), sent.QueryValue("sign"));
    }

    [Fact]
    public async Task SearchOrders_DefaultRequest_SetsSortExplicitly_AndDropsEmptyParameters()
    {
        _host.Handler.Enqueue(_ => Responses.Success("""{"orders":[]}"""));

        await _host.Api.SearchOrdersPageAsync(_host.Shop, new TikTokOrderSearchRequest(), pageToken: "");

        var sent = Assert.Single(_host.Handler.Requests);
        Assert.Equal("update_time", sent.QueryValue("sort_field"));
        Assert.Equal("ASC", sent.QueryValue("sort_order"));
        Assert.Equal("50", sent.QueryValue("page_size"));
        Assert.DoesNotContain("page_token", sent.Uri.Query, StringComparison.Ordinal);
        Assert.All(sent.QueryPairs, pair => Assert.False(string.IsNullOrEmpty(pair.Value), pair.Key + " was sent empty"));
        Assert.Equal("{}", sent.BodyText);
    }

    [Fact]
    public async Task SearchOrders_CreateTimeDescending_SentAsAsked()
    {
        _host.Handler.Enqueue(_ => Responses.Success("""{"orders":[]}"""));

        await _host.Api.SearchOrdersPageAsync(_host.Shop, new TikTokOrderSearchRequest
        {
            SortField = TikTokOrderSortField.CreateTime,
            SortOrder = TikTokSortOrder.Descending,
            CreateTimeFrom = DateTimeOffset.FromUnixTimeSeconds(1619611561),
            PageSize = 100,
        });

        var sent = Assert.Single(_host.Handler.Requests);
        Assert.Equal("create_time", sent.QueryValue("sort_field"));
        Assert.Equal("DESC", sent.QueryValue("sort_order"));
        Assert.Equal("100", sent.QueryValue("page_size"));
        Assert.Equal("""{"create_time_ge":1619611561}""", sent.BodyText);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task SearchOrders_PageSizeOutOfRange_IsRefusedBeforeSending(int pageSize)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _host.Api.SearchOrdersPageAsync(_host.Shop, new TikTokOrderSearchRequest { PageSize = pageSize }));
        Assert.Empty(_host.Handler.Requests);
    }

    [Fact]
    public async Task GetOrderDetails_ManyIds_ChunkedAtFiftyCommaJoined_DuplicatesAskedOnce()
    {
        var ids = Enumerable.Range(0, 120).Select(i => (576461413038785000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var withDuplicates = ids.Concat(ids.Take(10)).ToList();
        _host.Handler.Fallback = request =>
        {
            var asked = Uri.UnescapeDataString(request.RequestUri!.Query.Split("ids=")[1].Split('&')[0]).Split(',');
            return Responses.Success("{\"orders\":[" + string.Join(',', asked.Select(id => $$"""{"id":"{{id}}"}""")) + "]}");
        };

        var orders = await _host.Api.GetOrderDetailsAsync(_host.Shop, withDuplicates);

        var sent = _host.Handler.Requests;
        Assert.Equal([50, 50, 20], sent.Select(r => r.QueryValue("ids")!.Split(',').Length).ToArray());
        Assert.Equal(ids, sent.SelectMany(r => r.QueryValue("ids")!.Split(',')).ToList());
        Assert.Equal(ids, orders.Select(o => o.Id).ToList());
        Assert.All(sent, r => Assert.Equal(TestHost.ExpectedSign(r), r.QueryValue("sign")));
    }

    [Fact]
    public async Task GetOrderDetails_NoIds_SendsNothing()
    {
        var orders = await _host.Api.GetOrderDetailsAsync(_host.Shop, []);

        Assert.Empty(orders);
        Assert.Empty(_host.Handler.Requests);
    }

    [Fact]
    public async Task MarkPackageAsShipped_WithoutLineItems_OmitsTheField()
    {
        _host.Handler.Enqueue(_ => Responses.Success());
        _host.Handler.Enqueue(_ => Responses.Success());

        await _host.Api.MarkPackageAsShippedAsync(_host.Shop, "576461413038785752", new TikTokMarkPackageShippedRequest("123456789012", "7117858858072016686"));
        await _host.Api.MarkPackageAsShippedAsync(_host.Shop, "576461413038785752", new TikTokMarkPackageShippedRequest("123456789012", "7117858858072016686", []));

        Assert.All(_host.Handler.Requests, sent => Assert.Equal(
            """{"tracking_number":"123456789012","shipping_provider_id":"7117858858072016686"}""",
            sent.BodyText));
    }

    [Fact]
    public async Task PathIds_ArePercentEncoded()
    {
        _host.Handler.Enqueue(_ => Responses.Success("""{"shipping_providers":[]}"""));

        await _host.Api.GetShippingProvidersAsync(_host.Shop, "a/b");

        var sent = Assert.Single(_host.Handler.Requests);
        Assert.Equal("/logistics/202309/delivery_options/a%2Fb/shipping_providers", sent.Uri.AbsolutePath);
    }

    [Fact]
    public async Task ApiBaseUrl_WithPathPrefix_IsKeptWhenSending_ButNotSigned()
    {
        using var host = new TestHost(settings => settings["TikTokShop:ApiBaseUrl"] = "http://127.0.0.1:5999/tts/");
        host.Handler.Enqueue(_ => Responses.Success("""{"shops":[]}"""));

        await host.Api.GetAuthorizedShopsAsync(host.Tokens);

        var sent = Assert.Single(host.Handler.Requests);
        Assert.Equal("/tts/authorization/202309/shops", sent.Uri.AbsolutePath);
        var signedPath = sent with { Uri = new Uri("http://127.0.0.1:5999/authorization/202309/shops" + sent.Uri.Query) };
        Assert.Equal(TestHost.ExpectedSign(signedPath), sent.QueryValue("sign"));
    }
}
