using System.Collections.Concurrent;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Malls.Authorize;

/// <summary>
/// The token upkeep of every connection: stores new tokens atomically, hands out access tokens (refreshing shortly before
/// expiry), refreshes once on 105002, and marks a connection 再認証が必要です when TikTok will not refresh any more.
/// Refreshes of one connection are serialised in this process; across nodes, the optimistic version check plus a reload
/// make the node that lost the race use the winner's tokens instead of declaring the authorization broken.
/// </summary>
public sealed partial class ConnectionTokens(
    IServiceScopeFactory scopes,
    ConnectionTokenProtector protector,
    ITikTokShopAuthClient authClient,
    TimeProvider time,
    IOptions<MallSettingsOptions> options,
    ILogger<ConnectionTokens> logger)
{
    /// <summary>A token this close to expiry is refreshed before use rather than sent and refused.</summary>
    public static readonly TimeSpan PreUseRefreshMargin = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<int, SemaphoreSlim> _refreshLocks = new();

    public ITikTokShopAccessTokenSource SourceFor(int mallConnectionId) => new Source(this, mallConnectionId);

    /// <summary>Saves the result of a code exchange or refresh: both tokens and both expiries in one write.</summary>
    public static void Apply(MallConnection connection, TikTokShopToken token, ConnectionTokenProtector protector, DateTime nowUtc)
    {
        connection.ProtectedAccessToken = protector.Protect(token.AccessToken);
        connection.ProtectedRefreshToken = protector.Protect(token.RefreshToken);
        connection.AccessTokenExpiresAtUtc = token.AccessTokenExpiresAt.UtcDateTime;
        connection.AuthorizationExpiresAtUtc = token.RefreshTokenExpiresAt.UtcDateTime;
        connection.LastTokenRefreshAtUtc = nowUtc;
        connection.AuthorizationState = AuthorizationState.Authorized;
        connection.ReauthorizationReason = null;
        connection.Touch(nowUtc);
        if (!string.IsNullOrEmpty(token.SellerName))
        {
            connection.SellerName = token.SellerName;
        }
    }

    public async Task<string> GetAccessTokenAsync(int mallConnectionId, CancellationToken cancellationToken)
    {
        var connection = await LoadAsync(mallConnectionId, cancellationToken);
        EnsureInUse(connection);
        EnsureAuthorized(connection);
        if (connection.AccessTokenExpiresAtUtc is { } expires && expires - time.GetUtcNow().UtcDateTime > PreUseRefreshMargin)
        {
            return protector.Unprotect(connection.ProtectedAccessToken!);
        }

        return await RefreshAsync(mallConnectionId, protector.Unprotect(connection.ProtectedAccessToken!), cancellationToken);
    }

    /// <summary>
    /// Refreshes unless someone already replaced <paramref name="staleAccessToken"/>; returns the current access token.
    /// </summary>
    public async Task<string> RefreshAsync(int mallConnectionId, string? staleAccessToken, CancellationToken cancellationToken)
    {
        var gate = _refreshLocks.GetOrAdd(mallConnectionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
            var connection = await db.MallConnections.SingleAsync(c => c.Id == mallConnectionId, cancellationToken);
            EnsureInUse(connection);
            EnsureAuthorized(connection);

            var current = protector.Unprotect(connection.ProtectedAccessToken!);
            if (staleAccessToken is not null && !string.Equals(current, staleAccessToken, StringComparison.Ordinal))
            {
                return current;
            }

            var now = time.GetUtcNow().UtcDateTime;
            if (connection.AuthorizationExpiresAtUtc is { } authorizationEnd && authorizationEnd <= now)
            {
                await MarkReauthorizationRequiredAsync(db, connection, "TikTok Shop の認証期限が切れました。再認証してください。", cancellationToken);
                throw new ReauthorizationRequiredException("The seller's authorization has expired.") { MallConnectionId = mallConnectionId };
            }

            var refreshToken = protector.Unprotect(connection.ProtectedRefreshToken!);
            TikTokShopToken token;
            try
            {
                token = await authClient.RefreshAccessTokenAsync(refreshToken, cancellationToken);
            }
            catch (TikTokShopApiException ex) when (ex.Classification is TikTokShopErrorClassification.ReauthorizationNeeded)
            {
                // Another node may have rotated the refresh token a moment ago: its tokens win, nothing is broken.
                await db.Entry(connection).ReloadAsync(cancellationToken);
                if (!string.Equals(protector.Unprotect(connection.ProtectedRefreshToken!), refreshToken, StringComparison.Ordinal))
                {
                    return protector.Unprotect(connection.ProtectedAccessToken!);
                }

                LogRefreshRefused(logger, mallConnectionId, ex.Code, ex.ApiMessage, ex.RequestId);
                await MarkReauthorizationRequiredAsync(db, connection, "TikTok Shop がトークンの更新を拒否しました。再認証してください。", cancellationToken);
                await RecordRefreshAsync(db, mallConnectionId, ProcessingResult.Failure, $"トークン更新失敗 ({ex.Code}): {ex.ApiMessage}", cancellationToken);
                throw new ReauthorizationRequiredException("TikTok refused to refresh the token.", ex) { MallConnectionId = mallConnectionId };
            }

            Apply(connection, token, protector, time.GetUtcNow().UtcDateTime);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A settings save raced with the refresh: write the tokens onto the fresh row, they must not be lost.
                await db.Entry(connection).ReloadAsync(cancellationToken);
                Apply(connection, token, protector, time.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(cancellationToken);
            }

            LogRefreshed(logger, mallConnectionId, token.AccessTokenExpiresAt);
            await RecordRefreshAsync(db, mallConnectionId, ProcessingResult.Success, null, cancellationToken);
            return token.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The daily upkeep: refresh every authorized connection whose access token expires within the configured margin.</summary>
    public async Task<int> RefreshExpiringAsync(CancellationToken cancellationToken)
    {
        List<(int Id, string Protected)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
            var threshold = time.GetUtcNow().UtcDateTime + options.Value.AccessTokenRefreshMargin;
            due = (await db.MallConnections.AsNoTracking()
                    .Where(c => c.IsEnabled && c.AuthorizationState == AuthorizationState.Authorized && c.AccessTokenExpiresAtUtc < threshold)
                    .Select(c => new { c.Id, c.ProtectedAccessToken })
                    .ToListAsync(cancellationToken))
                .Select(c => (c.Id, c.ProtectedAccessToken!))
                .ToList();
        }

        var refreshed = 0;
        foreach (var (id, protectedToken) in due)
        {
            try
            {
                await RefreshAsync(id, protector.Unprotect(protectedToken), cancellationToken);
                refreshed++;
            }
            catch (ReauthorizationRequiredException)
            {
                // Recorded on the connection and in the log; the other connections still get their refresh.
            }
            catch (TikTokShopApiException ex)
            {
                LogRefreshFailed(logger, id, ex.Code, ex.ApiMessage, ex.RequestId);
                await using var scope = scopes.CreateAsyncScope();
                await RecordRefreshAsync(scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>(), id, ProcessingResult.Failure, $"トークン更新失敗 ({ex.Code}): {ex.ApiMessage}", cancellationToken);
            }
        }

        return refreshed;
    }

    private async Task<MallConnection> LoadAsync(int mallConnectionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        return await db.MallConnections.AsNoTracking().SingleAsync(c => c.Id == mallConnectionId, cancellationToken);
    }

    /// <summary>利用しない: no token is handed out and none is refreshed, so no call of any path reaches TikTok.</summary>
    private static void EnsureInUse(MallConnection connection)
    {
        if (!connection.IsEnabled)
        {
            throw new MallConnectionDisabledException("The connection is set not to be used (利用しない).") { MallConnectionId = connection.Id };
        }
    }

    private static void EnsureAuthorized(MallConnection connection)
    {
        if (connection.AuthorizationState != AuthorizationState.Authorized || connection.ProtectedAccessToken is null || connection.ProtectedRefreshToken is null)
        {
            throw new ReauthorizationRequiredException("The connection is not authorized.") { MallConnectionId = connection.Id };
        }
    }

    private async Task MarkReauthorizationRequiredAsync(TikTokSyncDbContext db, MallConnection connection, string reason, CancellationToken cancellationToken)
    {
        connection.AuthorizationState = AuthorizationState.ReauthorizationRequired;
        connection.ReauthorizationReason = reason;
        connection.Touch(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task RecordRefreshAsync(TikTokSyncDbContext db, int mallConnectionId, ProcessingResult result, string? reason, CancellationToken cancellationToken)
    {
        db.ProcessingLogEntries.Add(ProcessingLogEntry.Instant(ProcessingKind.TokenRefresh, mallConnectionId, result, reason, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed class Source(ConnectionTokens tokens, int mallConnectionId) : ITikTokShopAccessTokenSource
    {
        public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
            await tokens.GetAccessTokenAsync(mallConnectionId, cancellationToken);

        public async ValueTask<string> RefreshAccessTokenAsync(string expiredAccessToken, CancellationToken cancellationToken) =>
            await tokens.RefreshAsync(mallConnectionId, expiredAccessToken, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access token of connection {MallConnectionId} refreshed; expires {ExpiresAt:O}")]
    private static partial void LogRefreshed(ILogger logger, int mallConnectionId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TikTok refused the token refresh of connection {MallConnectionId}: {Code} {ErrorMessage} (request {RequestId}); re-authorization required")]
    private static partial void LogRefreshRefused(ILogger logger, int mallConnectionId, int? code, string? errorMessage, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refresh of connection {MallConnectionId} failed: {Code} {ErrorMessage} (request {RequestId}); will retry on the next run")]
    private static partial void LogRefreshFailed(ILogger logger, int mallConnectionId, int? code, string? errorMessage, string? requestId);
}
