using System.Net;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>What TikTok's gateway refuses before any business logic (docs/tiktok-shop-api.md#common-parameters, docs/tiktok-shop-api.md#error-codes, docs/tiktok-shop-api.md#rate-limits).</summary>
public sealed class GatewayTests
{
    private const string Shops = "/authorization/202309/shops";

    [Fact]
    public async Task ValidCall_GetAuthorizedShops_ListsTheSellersShops()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("GET", Shops, shopCipher: null);

        var shops = response.AssertSuccess().Data.GetProperty("shops").EnumerateArray().ToList();
        Assert.Equal([TestEmulator.ShopA1, TestEmulator.ShopA2], shops.Select(s => s.GetProperty("id").GetString()));
        Assert.All(shops, s => Assert.Equal("JP", s.GetProperty("region").GetString()));
        Assert.All(shops, s => Assert.Equal("LOCAL", s.GetProperty("seller_type").GetString()));
        Assert.Equal(TestEmulator.CipherA1, shops[0].GetProperty("cipher").GetString());
    }

    [Fact]
    public async Task BadSign_IsRefusedWith106001()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("GET", Shops, shopCipher: null, alterSign: sign => sign[..^1] + (sign[^1] == '0' ? '1' : '0'));

        response.AssertError(106001, "Invalid credentials. The `sign` query parameter is invalid.");
    }

    [Fact]
    public async Task UppercaseSign_IsRefusedWith106001()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("GET", Shops, shopCipher: null, alterSign: sign => sign.ToUpperInvariant());

        response.AssertError(106001);
    }

    [Fact]
    public async Task MissingSign_IsRefusedAsMissingCredentials()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("GET", Shops, shopCipher: null, alterSign: _ => null);

        response.AssertError(36009004, "Missing credentials.");
    }

    [Fact]
    public async Task SignedBodyDifferentFromSentBody_IsRefusedWith106001()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var signedFor = Support.TestSigner.Sign(
            TestEmulator.AppSecret,
            "/order/202309/orders/search",
            new Dictionary<string, string>
            {
                ["app_key"] = TestEmulator.AppKey, ["timestamp"] = emulator.Now.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["shop_cipher"] = TestEmulator.CipherA1, ["page_size"] = "10",
            },
            """{"order_status": "UNPAID"}""");

        var response = await emulator.CallAsync(
            "POST", "/order/202309/orders/search", new Dictionary<string, string> { ["page_size"] = "10" },
            body: """{"order_status":"UNPAID"}""", alterSign: _ => signedFor);

        response.AssertError(106001);
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public async Task OldTimestamp_IsAcceptedUpToFiveMinutes(int secondsOld, bool accepted)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("GET", Shops, shopCipher: null, timestamp: emulator.Now - secondsOld);

        if (accepted)
        {
            response.AssertSuccess();
        }
        else
        {
            response.AssertError(36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes");
        }
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public async Task FutureTimestamp_IsAcceptedUpToThirtySeconds(int secondsAhead, bool accepted)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("GET", Shops, shopCipher: null, timestamp: emulator.Now + secondsAhead);

        if (accepted)
        {
            response.AssertSuccess();
        }
        else
        {
            response.AssertError(36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current time by more than 30 seconds.");
        }
    }

    [Fact]
    public async Task MillisecondTimestamp_IsRefusedAsInvalidTimestamp()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("GET", Shops, shopCipher: null, timestamp: emulator.Now * 1000);

        response.AssertError(36009004, "Invalid timestamp.");
    }

    [Fact]
    public async Task UnknownAppKey_IsRefusedAsInvalidAppKey()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("GET", Shops, shopCipher: null, appKey: "someone-else");

        response.AssertError(36009004, "Invalid credentials. Invalid `app_key` query parameter.");
    }

    [Fact]
    public async Task MissingShopCipher_OnShopEndpoint_IsRefusedWith106013()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync(
            "POST", "/order/202309/orders/search", new Dictionary<string, string> { ["page_size"] = "10" }, "{}", shopCipher: null);

        response.AssertError(106013, "Missing identifier.");
    }

    [Fact]
    public async Task ShopCipher_OnAuthorizationEndpoint_IsRefusedAsUnexpectedIdentifier()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("GET", Shops, shopCipher: TestEmulator.CipherA1);

        response.AssertError(36009004, "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.");
    }

    [Fact]
    public async Task ShopCipherOfAnotherSeller_IsRefusedWith101000()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.SearchAsync(cipher: TestEmulator.CipherB);

        response.AssertError(101000);
    }

    [Fact]
    public async Task MissingAccessToken_IsRefusedAsInvalidCredentials()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("GET", Shops, shopCipher: null, useDefaultToken: false);

        response.AssertError(36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.");
    }

    [Fact]
    public async Task UnknownAccessToken_IsRefusedAsInvalidCredentials()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("GET", Shops, shopCipher: null, accessToken: "TTP_not-a-real-token");

        response.AssertError(36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.");
    }

    [Fact]
    public async Task AccessToken_ExpiresAfterSevenDays_With105002()
    {
        await using var emulator = await TestEmulator.StartAsync();

        emulator.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var lastSecond = await emulator.CallAsync("GET", Shops, shopCipher: null);
        emulator.Time.Advance(TimeSpan.FromSeconds(1));
        var expired = await emulator.CallAsync("GET", Shops, shopCipher: null);

        lastSecond.AssertSuccess();
        expired.AssertError(105002, "Expired credentials.");
    }

    [Fact]
    public async Task ExpireAccessTokens_FromControl_Gives105002()
    {
        await using var emulator = await TestEmulator.StartAsync();

        emulator.Control.ExpireAccessTokens(TestEmulator.SellerA);
        var response = await emulator.CallAsync("GET", Shops, shopCipher: null);

        response.AssertError(105002);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public async Task SearchPageSize_MustBeOneToHundred(int pageSize, bool accepted)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.SearchAsync(pageSize: pageSize);

        if (accepted)
        {
            response.AssertSuccess();
        }
        else
        {
            response.AssertError(98001004, "Parameter page_size is invalid.");
        }
    }

    [Fact]
    public async Task OrderDetail_FiftyIds_IsAcceptedAndFiftyOneIsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var ids = emulator.Control.SeedOrders(TestEmulator.ShopA1, 51, emulator.Control.Now.AddDays(-3), emulator.Control.Now.AddDays(-2));

        var fifty = await emulator.CallAsync("GET", "/order/202309/orders", new Dictionary<string, string> { ["ids"] = string.Join(',', ids.Take(50)) });
        var fiftyOne = await emulator.CallAsync("GET", "/order/202309/orders", new Dictionary<string, string> { ["ids"] = string.Join(',', ids) });

        Assert.Equal(50, fifty.AssertSuccess().Data.GetProperty("orders").GetArrayLength());
        fiftyOne.AssertError(98001004, "Parameter ids is invalid.");
    }

    [Fact]
    public async Task OrderDetail_IdOfAnotherShop_IsRefusedWith21008111()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var other = emulator.Control.CreateOrder(TestEmulator.ShopA2);

        var response = await emulator.CallAsync("GET", "/order/202309/orders", new Dictionary<string, string> { ["ids"] = other });

        response.AssertError(21008111);
    }

    [Fact]
    public async Task RateLimit_FiftyOneCallsInOneSecondToOneEndpointOfOneShop_The51stGets429()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answers = new List<ApiResponse>();
        for (var i = 0; i < 51; i++)
        {
            answers.Add(await emulator.SearchAsync(pageSize: 1));
        }

        Assert.All(answers.Take(50), a => a.AssertSuccess());
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[50].Status);
        answers[50].AssertError(36009002, "Too many requests.");
    }

    [Fact]
    public async Task RateLimit_IsCountedPerShopAndPerEndpoint()
    {
        await using var emulator = await TestEmulator.StartAsync();
        for (var i = 0; i < 50; i++)
        {
            (await emulator.SearchAsync(pageSize: 1)).AssertSuccess();
        }

        var otherShop = await emulator.SearchAsync(pageSize: 1, cipher: TestEmulator.CipherA2);
        var otherEndpoint = await emulator.CallAsync("GET", "/event/202309/webhooks");
        var sameAgain = await emulator.SearchAsync(pageSize: 1);
        emulator.Time.Advance(TimeSpan.FromSeconds(1));
        var nextSecond = await emulator.SearchAsync(pageSize: 1);

        otherShop.AssertSuccess();
        otherEndpoint.AssertSuccess();
        Assert.Equal(HttpStatusCode.TooManyRequests, sameAgain.Status);
        nextSecond.AssertSuccess();
    }

    [Fact]
    public async Task ConcurrentCalls_FromManyThreads_AreCountedExactly()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 80).Select(_ => emulator.SearchAsync(pageSize: 1)));

        Assert.Equal(50, answers.Count(a => a.Code == 0));
        Assert.Equal(30, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task UnknownPath_IsAnsweredWithInvalidPathEnvelope()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("GET", "/order/202309/nothing_here");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        response.AssertError(36009009);
    }

    [Fact]
    public async Task KnownPathWithAnotherMethod_IsAnsweredWithInvalidMethod()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("GET", "/order/202309/orders/search");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        response.AssertError(36009010);
    }

    [Fact]
    public async Task RevokedAuthorization_MakesTheTokenInvalid()
    {
        await using var emulator = await TestEmulator.StartAsync();

        emulator.Control.RevokeAuthorization(TestEmulator.SellerA);
        var response = await emulator.CallAsync("GET", Shops, shopCipher: null);

        response.AssertError(36009004, "Invalid credentials.");
    }

    [Fact]
    public async Task PlainTextBody_IsRefusedAsInvalidRequestFormat()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var timestamp = emulator.Now.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var query = new Dictionary<string, string>
        {
            ["app_key"] = TestEmulator.AppKey, ["timestamp"] = timestamp, ["shop_cipher"] = TestEmulator.CipherA1, ["page_size"] = "5",
        };
        query["sign"] = Support.TestSigner.Sign(TestEmulator.AppSecret, "/order/202309/orders/search", query, "{}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/order/202309/orders/search?" + string.Join("&", query.Select(p => $"{p.Key}={p.Value}")));
        request.Headers.Add("x-tts-access-token", emulator.AccessToken);
        request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain");

        using var response = await emulator.Http.SendAsync(request);
        var answer = new ApiResponse(response.StatusCode, await response.Content.ReadAsStringAsync());

        answer.AssertError(36009022);
    }
}
