namespace GoQ.TikTokSync.Core.Malls.Authorize;

/// <summary>The daily job that refreshes access tokens before they expire (every connection, ids read fresh each run).</summary>
public sealed class TokenUpkeepJob(ConnectionTokens tokens)
{
    public Task<int> RunAsync(CancellationToken cancellationToken) => tokens.RefreshExpiringAsync(cancellationToken);
}
