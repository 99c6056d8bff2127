using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.TikTokShop.IntegrationTests.Support;

/// <summary>
/// The application's side of <see cref="ITikTokShopAccessTokenSource"/> in miniature: holds the current token pair,
/// refreshes through the real auth client and keeps the rotated refresh token, and lets concurrent callers that saw
/// the same expired token share one refresh.
/// </summary>
internal sealed class EmulatorTokenSource : ITikTokShopAccessTokenSource
{
    private readonly ITikTokShopAuthClient _auth;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly List<string> _retiredRefreshTokens = [];
    private TikTokShopToken _current;
    private int _refreshCount;

    public EmulatorTokenSource(ITikTokShopAuthClient auth, TikTokShopToken initial)
    {
        _auth = auth;
        _current = initial;
    }

    public TikTokShopToken Current => Volatile.Read(ref _current);

    /// <summary>How many times the auth host was asked for a refresh.</summary>
    public int RefreshCount => Volatile.Read(ref _refreshCount);

    public IReadOnlyList<string> RetiredRefreshTokens
    {
        get
        {
            lock (_retiredRefreshTokens)
            {
                return _retiredRefreshTokens.ToArray();
            }
        }
    }

    /// <summary>Wraps tokens the emulator issued directly (for tests whose client cannot reach the auth host).</summary>
    public static TikTokShopToken FromGrant(TokenGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return new TikTokShopToken
        {
            AccessToken = grant.AccessToken,
            AccessTokenExpiresAt = DateTimeOffset.FromUnixTimeSeconds(grant.AccessTokenExpireIn),
            RefreshToken = grant.RefreshToken,
            RefreshTokenExpiresAt = DateTimeOffset.FromUnixTimeSeconds(grant.RefreshTokenExpireIn),
            OpenId = grant.OpenId,
            SellerName = grant.SellerName,
            SellerBaseRegion = grant.SellerBaseRegion,
            UserType = grant.UserType,
            GrantedScopes = grant.GrantedScopes,
        };
    }

    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Current.AccessToken);

    public async ValueTask<string> RefreshAccessTokenAsync(string expiredAccessToken, CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            var current = Current;
            if (!string.Equals(current.AccessToken, expiredAccessToken, StringComparison.Ordinal))
            {
                // Another caller already refreshed while this one waited.
                return current.AccessToken;
            }

            var refreshed = await _auth.RefreshAccessTokenAsync(current.RefreshToken, cancellationToken);
            lock (_retiredRefreshTokens)
            {
                _retiredRefreshTokens.Add(current.RefreshToken);
            }

            Volatile.Write(ref _current, refreshed);
            Interlocked.Increment(ref _refreshCount);
            return refreshed.AccessToken;
        }
        finally
        {
            _refreshGate.Release();
        }
    }
}
