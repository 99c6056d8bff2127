using System.Text;
using System.Text.Json;
using GoQ.TikTokSync.TikTokShop.Webhooks;

namespace GoQ.TikTokSync.TikTokShop.Tests;

/// <summary>The webhook vector of docs/tiktok-shop-api.md#webhook-delivery.</summary>
public sealed class WebhookVerifierTests
{
    private const string AppKey = "abcdef";
    private const string AppSecret = "123";
    private const string Signature = "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly byte[] RawBody = Encoding.UTF8.GetBytes(
        """{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}}""");

    [Fact]
    public void ComputeSignature_PublishedVector_MatchesAuthorizationHeader()
    {
        Assert.Equal(Signature, TikTokShopWebhookVerifier.ComputeSignature(AppKey, AppSecret, RawBody));
    }

    [Fact]
    public void IsValid_PublishedVector_Verifies()
    {
        Assert.True(TikTokShopWebhookVerifier.IsValid(AppKey, AppSecret, RawBody, Signature));
    }

    [Fact]
    public void IsValid_OneByteChanged_Fails()
    {
        var tampered = RawBody.ToArray();
        var index = Array.IndexOf(tampered, (byte)'U');
        tampered[index] = (byte)'X';

        Assert.False(TikTokShopWebhookVerifier.IsValid(AppKey, AppSecret, tampered, Signature));
    }

    [Fact]
    public void IsValid_ReserializedBody_Fails()
    {
        using var document = JsonDocument.Parse(RawBody);
        var reserialized = JsonSerializer.SerializeToUtf8Bytes(document.RootElement, Indented);
        Assert.NotEqual(RawBody, reserialized);

        Assert.False(TikTokShopWebhookVerifier.IsValid(AppKey, AppSecret, reserialized, Signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData("5dec0f11")]
    [InlineData("Bearer 5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05")]
    public void IsValid_MissingOrMalformedHeader_Fails(string? header)
    {
        Assert.False(TikTokShopWebhookVerifier.IsValid(AppKey, AppSecret, RawBody, header));
    }

    [Fact]
    public void IsValid_WrongSecret_Fails()
    {
        Assert.False(TikTokShopWebhookVerifier.IsValid(AppKey, "124", RawBody, Signature));
    }

    [Fact]
    public void IsValid_ConfiguredVerifier_UsesOptionsKeyAndSecret()
    {
        using var host = new Support.TestHost(settings =>
        {
            settings["TikTokShop:AppKey"] = AppKey;
            settings["TikTokShop:AppSecret"] = AppSecret;
        });
        var verifier = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<TikTokShopWebhookVerifier>(host.Services);

        Assert.True(verifier.IsValid(RawBody, Signature));
        Assert.False(verifier.IsValid(RawBody, Signature.Replace('5', '6')));
    }
}
