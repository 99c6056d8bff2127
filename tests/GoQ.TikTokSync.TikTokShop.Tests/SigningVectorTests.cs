using System.Text;
using GoQ.TikTokSync.TikTokShop.Signing;

namespace GoQ.TikTokSync.TikTokShop.Tests;

/// <summary>Every published signing vector of docs/tiktok-shop-api.md#signing-test-vectors.</summary>
public sealed class SigningVectorTests
{
    private const string DocsSecret = "e59af819cc";
    private const string OmsAppKey = "29a39d";
    private const string OmsTimestamp = "1623812664";
    private const string OmsShopCipher = "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3";

    [Fact]
    public void Sign_OfficialDocsVector_MatchesPublishedSign()
    {
        KeyValuePair<string, string>[] query = [new("app_key", "29a39d"), new("timestamp", "1623812664")];

        Assert.Equal(
            "/authorization/202309/shopsapp_key29a39dtimestamp1623812664",
            TikTokShopRequestSigner.BuildStringToSign("/authorization/202309/shops", query));
        Assert.Equal(
            "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8",
            TikTokShopRequestSigner.Sign(DocsSecret, "/authorization/202309/shops", query, []));
    }

    [Fact]
    public void Sign_EcomPhpSdkVector_MatchesPublishedSign()
    {
        KeyValuePair<string, string>[] query = [new("foo", "bar")];

        Assert.Equal("/test-apifoobar", TikTokShopRequestSigner.BuildStringToSign("/test-api", query));
        Assert.Equal(
            "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f",
            TikTokShopRequestSigner.Sign("app_secret", "/test-api", query, []));
    }

    [Fact]
    public void Sign_BodyVector_AppendsExactBodyBytes()
    {
        KeyValuePair<string, string>[] query =
        [
            new("timestamp", "1696909648"),
            new("shop_cipher", "ROW_xkMbgAAAeVAQra0eZWebFQq5aIKt"),
            new("app_key", "68xu9ks5p4i8"),
        ];
        var body = """{"address":"https://partner.tiktokshop.com","event_type":"PACKAGE_UPDATE"}"""u8.ToArray();

        Assert.Equal(
            "/event/202309/webhooksapp_key68xu9ks5p4i8shop_cipherROW_xkMbgAAAeVAQra0eZWebFQq5aIKttimestamp1696909648",
            TikTokShopRequestSigner.BuildStringToSign("/event/202309/webhooks", query));
        Assert.Equal(
            "a75b9c8cd57140cab6dc95bf31c37bd6ffface74210768b6517c0ff81659b0ba",
            TikTokShopRequestSigner.Sign(DocsSecret, "/event/202309/webhooks", query, body));
    }

    [Fact]
    public void Sign_BodyWithExtraSpaces_GivesDifferentSign()
    {
        KeyValuePair<string, string>[] query = [new("app_key", "68xu9ks5p4i8"), new("timestamp", "1696909648")];
        var compact = """{"address":"https://partner.tiktokshop.com","event_type":"PACKAGE_UPDATE"}"""u8.ToArray();
        var spaced = """{"address": "https://partner.tiktokshop.com", "event_type": "PACKAGE_UPDATE"}"""u8.ToArray();

        Assert.NotEqual(
            TikTokShopRequestSigner.Sign(DocsSecret, "/event/202309/webhooks", query, compact),
            TikTokShopRequestSigner.Sign(DocsSecret, "/event/202309/webhooks", query, spaced));
    }

    public static TheoryData<string, string, string, string[], string> OmsVectors => new()
    {
        {
            "C1",
            "/order/202309/orders/search",
            """{"order_status":"AWAITING_SHIPMENT","update_time_ge":1700000000,"update_time_lt":1700086400}""",
            ["page_size=50", "sort_field=update_time", "sort_order=ASC"],
            "dbc0ad6d5e12ff3c66148cb85970e55aaab23cc8dd6a653263a1a6132427febc"
        },
        {
            "C2",
            "/order/202309/orders",
            "",
            ["ids=576461413038785752,576461413038785753"],
            "0e888959aae6ea5a2e5270c90de0cdaa00789074fe554bf0644af041d2af5397"
        },
        {
            "C3",
            "/fulfillment/202309/orders/576461413038785752/packages",
            """{"tracking_number":"123456789012","shipping_provider_id":"7117858858072016686","order_line_item_ids":["577086512123755123"]}""",
            [],
            "95f76eb745cbfc9478339cf0711409229dbb1f7b0a04e812460d00aa85fa347f"
        },
        {
            "C4",
            "/fulfillment/202309/packages/1153132168123859123/ship",
            """{"self_shipment":{"tracking_number":"123456789012","shipping_provider_id":"7117858858072016686"}}""",
            [],
            "4817a03f226e609b4f721f68f193913e4927201f1bce06f39dc8511149fc5ec3"
        },
    };

    [Theory]
    [MemberData(nameof(OmsVectors))]
    public void Sign_OmsCallVectors_MatchPublishedSigns(string vector, string path, string body, string[] extraQuery, string expectedSign)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("app_key", OmsAppKey),
            new("timestamp", OmsTimestamp),
            new("shop_cipher", OmsShopCipher),
        };
        query.AddRange(extraQuery.Select(pair => pair.Split('=', 2)).Select(parts => new KeyValuePair<string, string>(parts[0], parts[1])));

        var sign = TikTokShopRequestSigner.Sign(DocsSecret, path, query, Encoding.UTF8.GetBytes(body));

        Assert.True(expectedSign == sign, $"{vector}: expected {expectedSign}, got {sign}");
    }

    [Fact]
    public void Sign_IgnoresSignAndAccessTokenParameters()
    {
        KeyValuePair<string, string>[] plain = [new("app_key", "29a39d"), new("timestamp", "1623812664")];
        KeyValuePair<string, string>[] withExtras =
        [
            new("access_token", "TTP_secret"),
            new("app_key", "29a39d"),
            new("sign", "stale"),
            new("timestamp", "1623812664"),
        ];

        Assert.Equal(
            TikTokShopRequestSigner.Sign(DocsSecret, "/authorization/202309/shops", plain, []),
            TikTokShopRequestSigner.Sign(DocsSecret, "/authorization/202309/shops", withExtras, []));
    }

    [Fact]
    public void Sign_SortsKeysOrdinally_NotByInsertionOrCulture()
    {
        KeyValuePair<string, string>[] query = [new("b", "2"), new("B", "3"), new("a_b", "4"), new("ab", "1")];

        // Ordinal: uppercase before lowercase, '_' (0x5F) before 'b' (0x62).
        Assert.Equal("/pB3a_b4ab1b2", TikTokShopRequestSigner.BuildStringToSign("/p", query));
    }

    [Fact]
    public void Sign_MultipartBody_IsLeftOutOfTheSignature()
    {
        KeyValuePair<string, string>[] query = [new("app_key", "29a39d"), new("timestamp", "1623812664")];
        var body = "--boundary\r\ncontent\r\n--boundary--"u8.ToArray();

        Assert.Equal(
            TikTokShopRequestSigner.Sign(DocsSecret, "/fulfillment/202309/images/upload", query, []),
            TikTokShopRequestSigner.Sign(DocsSecret, "/fulfillment/202309/images/upload", query, body, "multipart/form-data; boundary=boundary"));
        Assert.NotEqual(
            TikTokShopRequestSigner.Sign(DocsSecret, "/fulfillment/202309/images/upload", query, []),
            TikTokShopRequestSigner.Sign(DocsSecret, "/fulfillment/202309/images/upload", query, body));
    }

    [Fact]
    public void Sign_IsLowercaseHexOf64Characters()
    {
        var sign = TikTokShopRequestSigner.Sign(DocsSecret, "/x", [new("k", "v")], "日本語"u8.ToArray());

        Assert.Matches("^[0-9a-f]{64}$", sign);
    }
}
