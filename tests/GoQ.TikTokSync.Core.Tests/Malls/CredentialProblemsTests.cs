using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.TikTokShop.Errors;

namespace GoQ.TikTokSync.Core.Tests.Malls;

public sealed class CredentialProblemsTests
{
    private static TikTokShopApiException Refusal(int code, string message) =>
        new(TikTokShopErrorCodes.Classify(code, message, 200, idempotent: true), "/order/202309/orders/search", code, message, "req-1", 200);

    [Fact]
    public void HoldReason_MissingScope_TellsTheOperatorToEnableTheScopeThenReauthorize()
    {
        var reason = CredentialProblems.HoldReason(Refusal(105005, "Access denied."));

        Assert.NotNull(reason);
        Assert.Contains("Partner Centerで必要なAPI権限を有効にしてから再認証してください", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.", "アクセストークン")]
    [InlineData(36009004, "Invalid credentials. Invalid `app_key` query parameter.", "App Key")]
    [InlineData(106001, "Invalid credentials. The `sign` query parameter is invalid.", "App Secret")]
    public void HoldReason_CredentialsRefused_SaysWhatToCheck(int code, string message, string mentioned) =>
        Assert.Contains(mentioned, CredentialProblems.HoldReason(Refusal(code, message)), StringComparison.Ordinal);

    [Theory]
    [InlineData(36009003, "Internal error")]
    [InlineData(21011044, "Order status is on hold.")]
    [InlineData(36009004, "Invalid timestamp. The value is too old.")]
    public void HoldReason_TransientOrOrderLevelErrors_DoNotHoldTheConnection(int code, string message) =>
        Assert.Null(CredentialProblems.HoldReason(Refusal(code, message)));
}
