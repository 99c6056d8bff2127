using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GoQ.TikTokSync.TikTokShop.Emulator.Protocol;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Auth;

/// <summary>One seller's consent: lives until the chosen period ends or the seller (or a test) revokes it.</summary>
internal sealed class SellerAuthorization
{
    public required EmulatorSellerAccount Seller { get; init; }

    public required string OpenId { get; init; }

    public DateTimeOffset AuthorizationEnd { get; set; }

    public bool Revoked { get; set; }

    /// <summary>JST calendar day of the last UPCOMING_AUTHORIZATION_EXPIRATION notice.</summary>
    public DateOnly? LastExpiryNoticeDay { get; set; }
}

internal sealed record AccessTokenCheck(EmulatorError? Error, SellerAuthorization? Authorization);

/// <summary>Auth codes, access tokens and rotating refresh tokens. One lock guards all of it; token calls are rare.</summary>
internal sealed class AuthorizationStore
{
    /// <summary>The refresh expiry for 無期限: the value seen live for an unlimited grant (docs/tiktok-shop-api.md#token-exchange, MSE live observation, year 2125).</summary>
    public const long UnlimitedAuthorizationEndUnixSeconds = 4912765591;

    /// <summary>A local seller is user_type 0 (docs/tiktok-shop-api.md#token-exchange).</summary>
    public const int SellerUserType = 0;

    /// <summary>
    /// Whether a refresh invalidates the access token issued before it. TikTok does not document it (docs/tiktok-shop-api.md#token-refresh);
    /// the emulator keeps the old access token valid until its own expiry (UNCONFIRMED).
    /// </summary>
    public static readonly bool RefreshRevokesPreviousAccessToken;

    private const string TokenPrefix = "TTP_";

    private readonly object _gate = new();
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, PendingAuthCode> _authCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessTokenEntry> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenEntry> _refreshTokens = new(StringComparer.Ordinal);
    private readonly List<SellerAuthorization> _authorizations = [];

    public AuthorizationStore(EmulatorOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public EmulatorSellerAccount? FindSeller(string loginId) =>
        _options.Sellers.FirstOrDefault(s => string.Equals(s.LoginId, loginId, StringComparison.Ordinal));

    public EmulatorSellerAccount? Authenticate(string loginId, string password)
    {
        var seller = FindSeller(loginId);
        if (seller is null)
        {
            return null;
        }

        var matches = CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(seller.Password),
            Encoding.UTF8.GetBytes(password));
        return matches ? seller : null;
    }

    public string CreateAuthCode(EmulatorSellerAccount seller, AuthorizationPeriod period)
    {
        lock (_gate)
        {
            var code = NewToken(16);
            _authCodes[code] = new PendingAuthCode(seller, period, _time.GetUtcNow());
            return code;
        }
    }

    /// <summary>Exchanges a one-shot auth code (docs/tiktok-shop-api.md#redirect-callback: 30 minutes, single use).</summary>
    public (TokenGrant? Grant, EmulatorError? Error) ExchangeAuthCode(string authCode)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_authCodes.TryGetValue(authCode, out var pending)
                || pending.Used
                || now - pending.CreatedAt > _options.AuthCodeLifetime)
            {
                return (null, EmulatorErrors.InvalidAuthCode);
            }

            pending.Used = true;
            var authorization = new SellerAuthorization
            {
                Seller = pending.Seller,
                OpenId = OpenIdOf(pending.Seller),
                AuthorizationEnd = AuthorizationEndFor(pending.Period, now),
            };
            _authorizations.Add(authorization);
            return (IssueTokens(authorization, now), null);
        }
    }

    /// <summary>Refresh tokens rotate: the one presented is dead after this call, whatever the outcome of later calls.</summary>
    public (TokenGrant? Grant, EmulatorError? Error) Refresh(string refreshToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_refreshTokens.TryGetValue(refreshToken, out var entry) || entry.Used || entry.Authorization.Revoked)
            {
                return (null, EmulatorErrors.InvalidRefreshToken);
            }

            if (now >= entry.Authorization.AuthorizationEnd)
            {
                return (null, EmulatorErrors.ExpiredRefreshToken);
            }

            entry.Used = true;
            if (RefreshRevokesPreviousAccessToken)
            {
                foreach (var access in _accessTokens.Values.Where(a => a.Authorization == entry.Authorization))
                {
                    access.ExpiresAt = now;
                }
            }

            return (IssueTokens(entry.Authorization, now), null);
        }
    }

    public AccessTokenCheck CheckAccessToken(string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            return new AccessTokenCheck(EmulatorErrors.InvalidAccessToken, null);
        }

        lock (_gate)
        {
            if (!_accessTokens.TryGetValue(accessToken, out var entry) || entry.Authorization.Revoked)
            {
                return new AccessTokenCheck(EmulatorErrors.InvalidAccessToken, null);
            }

            if (_time.GetUtcNow() >= entry.ExpiresAt)
            {
                return new AccessTokenCheck(EmulatorErrors.ExpiredAccessToken, null);
            }

            return new AccessTokenCheck(null, entry.Authorization);
        }
    }

    /// <summary>Issues tokens without the consent pages (a test or demo shortcut, not a TikTok feature).</summary>
    public TokenGrant IssueDirectly(EmulatorSellerAccount seller, AuthorizationPeriod period)
    {
        var code = CreateAuthCode(seller, period);
        var (grant, error) = ExchangeAuthCode(code);
        return grant ?? throw new InvalidOperationException(error?.Message);
    }

    public int ExpireAccessTokens(string? sellerLoginId)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var affected = 0;
            foreach (var entry in _accessTokens.Values.Where(e => BelongsTo(e.Authorization, sellerLoginId) && e.ExpiresAt > now))
            {
                entry.ExpiresAt = now;
                affected++;
            }

            return affected;
        }
    }

    /// <summary>Ends the authorization period: refresh then fails with 36004001, as after the seller's chosen time.</summary>
    public int ExpireAuthorizations(string? sellerLoginId)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var affected = 0;
            foreach (var authorization in _authorizations.Where(a => BelongsTo(a, sellerLoginId) && a.AuthorizationEnd > now))
            {
                authorization.AuthorizationEnd = now;
                affected++;
            }

            return affected;
        }
    }

    /// <summary>Revokes every authorization of the seller; returns the revoked ones so that the caller can notify.</summary>
    public IReadOnlyList<SellerAuthorization> Revoke(string? sellerLoginId)
    {
        lock (_gate)
        {
            var revoked = _authorizations.Where(a => BelongsTo(a, sellerLoginId) && !a.Revoked).ToList();
            foreach (var authorization in revoked)
            {
                authorization.Revoked = true;
            }

            return revoked;
        }
    }

    /// <summary>
    /// Authorizations that should get an UPCOMING_AUTHORIZATION_EXPIRATION notice now: from 30 days before the end,
    /// then once a day (docs/tiktok-shop-api.md#token-refresh: "30 days before … and then daily at 0:00"; the emulator counts days in JST, UNCONFIRMED).
    /// </summary>
    public IReadOnlyList<SellerAuthorization> TakeDueExpiryNotices()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var today = DateOnly.FromDateTime(now.ToOffset(JapanTime.Offset).DateTime);
            var due = new List<SellerAuthorization>();
            foreach (var authorization in _authorizations)
            {
                if (authorization.Revoked || authorization.AuthorizationEnd <= now
                    || authorization.AuthorizationEnd - now > UpcomingExpiryNoticeWindow)
                {
                    continue;
                }

                if (authorization.LastExpiryNoticeDay is { } last && last >= today)
                {
                    continue;
                }

                authorization.LastExpiryNoticeDay = today;
                due.Add(authorization);
            }

            return due;
        }
    }

    public static readonly TimeSpan UpcomingExpiryNoticeWindow = TimeSpan.FromDays(30);

    public void Reset()
    {
        lock (_gate)
        {
            _authCodes.Clear();
            _accessTokens.Clear();
            _refreshTokens.Clear();
            _authorizations.Clear();
        }
    }

    public static DateTimeOffset AuthorizationEndFor(AuthorizationPeriod period, DateTimeOffset now) => period switch
    {
        AuthorizationPeriod.Unlimited => DateTimeOffset.FromUnixTimeSeconds(UnlimitedAuthorizationEndUnixSeconds),
        AuthorizationPeriod.OneYear => now.AddYears(1),
        AuthorizationPeriod.SixMonths => now.AddMonths(6),
        AuthorizationPeriod.ThreeMonths => now.AddMonths(3),
        AuthorizationPeriod.OneMonth => now.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };

    private TokenGrant IssueTokens(SellerAuthorization authorization, DateTimeOffset now)
    {
        var access = new AccessTokenEntry(authorization, now + _options.AccessTokenLifetime);
        var accessToken = NewToken(48);
        _accessTokens[accessToken] = access;
        var refreshToken = NewToken(32);
        _refreshTokens[refreshToken] = new RefreshTokenEntry(authorization);
        return new TokenGrant(
            accessToken,
            access.ExpiresAt.ToUnixTimeSeconds(),
            refreshToken,
            authorization.AuthorizationEnd.ToUnixTimeSeconds(),
            authorization.OpenId,
            authorization.Seller.SellerName,
            authorization.Seller.Shops.FirstOrDefault()?.Region ?? "JP",
            SellerUserType,
            _options.GrantedScopes.ToArray());
    }

    private static bool BelongsTo(SellerAuthorization authorization, string? sellerLoginId) =>
        sellerLoginId is null || string.Equals(authorization.Seller.LoginId, sellerLoginId, StringComparison.Ordinal);

    internal static string OpenIdOf(EmulatorSellerAccount seller)
    {
        if (!string.IsNullOrEmpty(seller.OpenId))
        {
            return seller.OpenId;
        }

        // Stable across runs: derived from the login id, shaped like the documented numeric open_id.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seller.LoginId));
        var number = BitConverter.ToUInt64(hash, 0) % 9_000_000_000_000_000_000UL + 1_000_000_000_000_000_000UL;
        return number.ToString(CultureInfo.InvariantCulture);
    }

    private static string NewToken(int randomBytes)
    {
        var bytes = RandomNumberGenerator.GetBytes(randomBytes);
        return TokenPrefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private sealed class PendingAuthCode(EmulatorSellerAccount seller, AuthorizationPeriod period, DateTimeOffset createdAt)
    {
        public EmulatorSellerAccount Seller { get; } = seller;

        public AuthorizationPeriod Period { get; } = period;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public bool Used { get; set; }
    }

    private sealed class AccessTokenEntry(SellerAuthorization authorization, DateTimeOffset expiresAt)
    {
        public SellerAuthorization Authorization { get; } = authorization;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;
    }

    private sealed class RefreshTokenEntry(SellerAuthorization authorization)
    {
        public SellerAuthorization Authorization { get; } = authorization;

        public bool Used { get; set; }
    }
}

/// <summary>Japan has one time zone and no daylight saving: UTC+9.</summary>
internal static class JapanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);
}
