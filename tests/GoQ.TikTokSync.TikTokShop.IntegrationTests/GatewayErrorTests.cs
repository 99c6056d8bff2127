using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.IntegrationTests.Support;

namespace GoQ.TikTokSync.TikTokShop.IntegrationTests;

/// <summary>What the emulator's gateway refuses before any business logic, as the client classifies it.</summary>
public sealed class GatewayErrorTests
{
    [Fact]
    public async Task WrongAppSecret_IsTypedSignatureError()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(new HarnessOptions
        {
            Client = new Dictionary<string, string> { ["AppSecret"] = "not-the-secret-of-this-app" },
            Tokens = InitialTokens.IssuedByEmulator,
        });

        var failure = await Assert.ThrowsAsync<TikTokShopApiException>(() => h.Api.GetAuthorizedShopsAsync(h.Tokens, h.Ct));

        Assert.Equal(TikTokShopErrorClassification.Signature, failure.Classification);
        Assert.Equal(TikTokShopErrorCodes.InvalidSign, failure.Code);
        Assert.False(string.IsNullOrEmpty(failure.RequestId));
        Assert.Single(h.Wire.Exchanges);
        h.Wire.AssertContractHeld();
    }

    [Theory]
    [InlineData(-10 * 60)]
    [InlineData(2 * 60)]
    public async Task ClientClockOutsideTheWindow_IsTypedTimestampError(int clientClockOffsetSeconds)
    {
        await using var h = await ClientAgainstEmulator.StartAsync(new HarnessOptions
        {
            ClientClockOffset = TimeSpan.FromSeconds(clientClockOffsetSeconds),
            Tokens = InitialTokens.IssuedByEmulator,
        });

        var failure = await Assert.ThrowsAsync<TikTokShopApiException>(() => h.Api.GetAuthorizedShopsAsync(h.Tokens, h.Ct));

        Assert.Equal(TikTokShopErrorClassification.Timestamp, failure.Classification);
        Assert.Single(h.Wire.Exchanges);
        h.Wire.AssertContractHeld();
    }

    [Theory]
    [InlineData(-4 * 60)]
    [InlineData(20)]
    public async Task ClientClockSlightlyOff_WithinTheWindow_IsAccepted(int clientClockOffsetSeconds)
    {
        await using var h = await ClientAgainstEmulator.StartAsync(new HarnessOptions
        {
            ClientClockOffset = TimeSpan.FromSeconds(clientClockOffsetSeconds),
            Tokens = InitialTokens.IssuedByEmulator,
        });

        var shops = await h.Api.GetAuthorizedShopsAsync(h.Tokens, h.Ct);

        Assert.Single(shops);
        h.Wire.AssertContractHeld();
    }
}
