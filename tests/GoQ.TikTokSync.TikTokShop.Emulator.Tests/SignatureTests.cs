using System.Globalization;
using System.Text;
using GoQ.TikTokSync.TikTokShop.Emulator.Protocol;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;
using GoQ.TikTokSync.TikTokShop.Emulator.Webhooks;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>The documented vectors of docs/tiktok-shop-api.md#signing-test-vectors, docs/tiktok-shop-api.md#webhook-delivery, checked against the emulator's signer and against its gateway.</summary>
public sealed class SignatureTests
{
    private const string VectorSecret = "e59af819cc";
    private const string VectorAppKey = "29a39d";
    private const long VectorTimestamp = 1623812664;
    private const string VectorCipher = "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3";

    public static TheoryData<string, string, string, string, string> OmsVectors => new()
    {
        {
            "C1", "/order/202309/orders/search", "page_size=50&sort_field=update_time&sort_order=ASC",
            """{"order_status":"AWAITING_SHIPMENT","update_time_ge":1700000000,"update_time_lt":1700086400}""",
            "dbc0ad6d5e12ff3c66148cb85970e55aaab23cc8dd6a653263a1a6132427febc"
        },
        {
            "C2", "/order/202309/orders", "ids=576461413038785752,576461413038785753", "",
            "0e888959aae6ea5a2e5270c90de0cdaa00789074fe554bf0644af041d2af5397"
        },
        {
            "C3", "/fulfillment/202309/orders/576461413038785752/packages", "",
            """{"tracking_number":"123456789012","shipping_provider_id":"7117858858072016686","order_line_item_ids":["577086512123755123"]}""",
            "95f76eb745cbfc9478339cf0711409229dbb1f7b0a04e812460d00aa85fa347f"
        },
        {
            "C4", "/fulfillment/202309/packages/1153132168123859123/ship", "",
            """{"self_shipment":{"tracking_number":"123456789012","shipping_provider_id":"7117858858072016686"}}""",
            "4817a03f226e609b4f721f68f193913e4927201f1bce06f39dc8511149fc5ec3"
        },
    };

    [Fact]
    public void Signer_OfficialVector_BuildsDocumentedStringAndSign()
    {
        var query = Pairs(("app_key", VectorAppKey), ("timestamp", "1623812664"));

        Assert.Equal("/authorization/202309/shopsapp_key29a39dtimestamp1623812664", RequestSignature.BuildStringToSign("/authorization/202309/shops", query));
        Assert.Equal(
            "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8",
            RequestSignature.Compute(VectorSecret, "/authorization/202309/shops", query, [], null));
    }

    [Fact]
    public void Signer_EcomPhpVector_MatchesSdkTest()
    {
        Assert.Equal(
            "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f",
            RequestSignature.Compute("app_secret", "/test-api", Pairs(("foo", "bar")), [], null));
    }

    [Fact]
    public void Signer_BodyVector_AppendsExactBodyBytes()
    {
        var body = """{"address":"https://partner.tiktokshop.com","event_type":"PACKAGE_UPDATE"}""";
        var query = Pairs(("app_key", "68xu9ks5p4i8"), ("shop_cipher", "ROW_xkMbgAAAeVAQra0eZWebFQq5aIKt"), ("timestamp", "1696909648"));

        Assert.Equal(
            "a75b9c8cd57140cab6dc95bf31c37bd6ffface74210768b6517c0ff81659b0ba",
            RequestSignature.Compute(VectorSecret, "/event/202309/webhooks", query, Encoding.UTF8.GetBytes(body), "application/json"));
    }

    [Theory]
    [MemberData(nameof(OmsVectors))]
    public void Signer_OmsVectors_MatchComputedSigns(string name, string path, string extraQuery, string body, string expected)
    {
        var query = VectorQuery(extraQuery);

        var sign = RequestSignature.Compute(VectorSecret, path, query, Encoding.UTF8.GetBytes(body), "application/json");

        Assert.True(expected == sign, name);
    }

    [Fact]
    public void Signer_MultipartBody_IsLeftOutOfTheSignature()
    {
        var query = Pairs(("app_key", VectorAppKey), ("timestamp", "1623812664"));

        var multipart = RequestSignature.Compute(VectorSecret, "/authorization/202309/shops", query, Encoding.UTF8.GetBytes("--x\r\nbinary"), "multipart/form-data; boundary=x");

        Assert.Equal("b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8", multipart);
    }

    [Fact]
    public async Task Gateway_OfficialVectorRequest_IsAccepted()
    {
        await using var emulator = await VectorEmulatorAsync(VectorAppKey);

        var response = await emulator.CallAsync(
            "GET", "/authorization/202309/shops", shopCipher: null, timestamp: VectorTimestamp, appKey: VectorAppKey,
            alterSign: _ => "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");

        response.AssertSuccess();
    }

    /// <summary>C4 (Ship Package) is left out: the emulator does not serve that endpoint (JP uses Mark Package As Shipped).</summary>
    [Theory]
    [InlineData("C1", "POST")]
    [InlineData("C2", "GET")]
    [InlineData("C3", "POST")]
    public async Task Gateway_OmsVectorRequests_PassTheSignatureCheck(string name, string method)
    {
        var vector = OmsVectors.Select(row => (object[])row).Single(row => (string)row[0] == name);
        var (path, extraQuery, body, expected) = ((string)vector[1], (string)vector[2], (string)vector[3], (string)vector[4]);
        await using var emulator = await VectorEmulatorAsync(VectorAppKey);
        var query = VectorQuery(extraQuery).Where(p => p.Key is not ("app_key" or "timestamp" or "shop_cipher")).ToDictionary();

        var response = await emulator.CallAsync(
            method, path, query, body.Length == 0 ? null : body, VectorCipher, timestamp: VectorTimestamp, appKey: VectorAppKey,
            alterSign: _ => expected);

        // The business answer may be an error (those orders do not exist); the gateway must not refuse the signature.
        Assert.NotEqual(106001, response.Code);
        Assert.NotEqual(36009004, response.Code);
    }

    [Fact]
    public async Task Gateway_BodyVectorRequest_IsAccepted()
    {
        await using var emulator = await VectorEmulatorAsync("68xu9ks5p4i8", "ROW_xkMbgAAAeVAQra0eZWebFQq5aIKt", 1696909648);

        var response = await emulator.CallAsync(
            "PUT", "/event/202309/webhooks",
            body: """{"address":"https://partner.tiktokshop.com","event_type":"PACKAGE_UPDATE"}""",
            shopCipher: "ROW_xkMbgAAAeVAQra0eZWebFQq5aIKt", timestamp: 1696909648, appKey: "68xu9ks5p4i8",
            alterSign: _ => "a75b9c8cd57140cab6dc95bf31c37bd6ffface74210768b6517c0ff81659b0ba");

        response.AssertSuccess();
    }

    [Fact]
    public void WebhookSignature_OfficialVector_Matches()
    {
        var body = """{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}}""";

        Assert.Equal(
            "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05",
            WebhookSignature.Compute("abcdef", "123", Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void WebhookBody_ForTheOfficialExample_IsByteIdenticalAndSignsToTheVector()
    {
        var body = WebhookBody.Build(1, "7380066284010030890", "7495540735365777507", 1718305585, new OrderStatusChangeData
        {
            IsOnHoldOrder = true,
            OrderId = "576653688135258178",
            OrderStatus = "UNPAID",
            UpdateTime = 1718305585,
        });

        Assert.Equal(
            """{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}}""",
            Encoding.UTF8.GetString(body));
        Assert.Equal("5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05", WebhookSignature.Compute("abcdef", "123", body));
        GoQ.TikTokSync.Testing.OpenApiContract.TikTokShopOpenApi.Load().ValidateWebhookEnvelope(Encoding.UTF8.GetString(body)).ThrowIfInvalid();
    }

    [Fact]
    public void TestSigner_AgreesWithTheOfficialVector()
    {
        var query = new Dictionary<string, string> { ["app_key"] = VectorAppKey, ["timestamp"] = "1623812664", ["sign"] = "ignored", ["access_token"] = "ignored" };

        Assert.Equal("b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8", TestSigner.Sign(VectorSecret, "/authorization/202309/shops", query, null));
    }

    private static Task<TestEmulator> VectorEmulatorAsync(string appKey, string cipher = VectorCipher, long timestamp = VectorTimestamp) =>
        TestEmulator.StartAsync(
            options =>
            {
                options.AppKey = appKey;
                options.AppSecret = VectorSecret;
                options.Sellers[0].Shops[0].Cipher = cipher;
            },
            DateTimeOffset.FromUnixTimeSeconds(timestamp));

    private static Dictionary<string, string> VectorQuery(string extra)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app_key"] = VectorAppKey,
            ["shop_cipher"] = VectorCipher,
            ["timestamp"] = VectorTimestamp.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var pair in extra.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            query[parts[0]] = parts[1];
        }

        return query;
    }

    private static List<KeyValuePair<string, string>> Pairs(params (string Key, string Value)[] pairs) =>
        pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)).ToList();
}
