using System.Security.Cryptography;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.TikTokShop.Errors;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Tests.Jobs;

/// <summary>The Japanese reason a 自動処理ログ entry gets for whatever exception ended its run.</summary>
public sealed class RunFailureReasonsTests
{
    public static TheoryData<Exception, string> Known => new()
    {
        { new ReauthorizationRequiredException("revoked"), "再認証が必要です" },
        { new CryptographicException("The key was not found in the key ring."), "トークンを復号できませんでした" },
        { new TikTokShopPageTokenRepeatedException("/order/202309/orders/search", "t", 3), "同じページを繰り返し返した" },
        { new TikTokShopApiException(TikTokShopErrorClassification.Retryable, "/x", 36009003, "Internal error", "r", 200), "TikTok Shop との通信に失敗しました（36009003）" },
        { new DbUpdateConcurrencyException("changed"), "他の処理と同時に更新された" },
        { new DbUpdateException("disk full"), "データベースへの保存に失敗しました" },
        { new HttpRequestException("refused"), "TikTok Shop に接続できませんでした" },
    };

    [Theory]
    [MemberData(nameof(Known))]
    public void Describe_KnownFailure_SaysWhatHappenedInJapanese(Exception exception, string expected)
    {
        Assert.Contains(expected, RunFailureReasons.Describe(exception), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_UnexpectedException_NamesItsType()
    {
        Assert.Equal("予期しないエラーで中断しました（ArgumentOutOfRangeException）", RunFailureReasons.Describe(new ArgumentOutOfRangeException("index")));
    }
}
