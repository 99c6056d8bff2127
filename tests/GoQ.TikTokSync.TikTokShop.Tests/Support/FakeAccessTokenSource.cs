namespace GoQ.TikTokSync.TikTokShop.Tests.Support;

/// <summary>Hands out "TTP_token_1", and on each refresh the next number; records what was refreshed.</summary>
public sealed class FakeAccessTokenSource : ITikTokShopAccessTokenSource
{
    private int _generation = 1;

    public List<string> RefreshedTokens { get; } = [];

    public string CurrentToken => "TTP_token_" + _generation;

    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(CurrentToken);

    public ValueTask<string> RefreshAccessTokenAsync(string expiredAccessToken, CancellationToken cancellationToken)
    {
        RefreshedTokens.Add(expiredAccessToken);
        _generation++;
        return ValueTask.FromResult(CurrentToken);
    }
}
