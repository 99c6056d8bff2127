using System.Security.Cryptography;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Malls.Authorize;

public enum AuthorizationOutcome
{
    Authorized,
    Denied,
    UnknownState,
    ForeignState,
    ReplayedState,
    ExpiredState,
    MissingCode,
    ExchangeFailed,
}

/// <param name="Reauthorization">The connection had been authorized before this callback (再認証 rather than 認証).</param>
public sealed record AuthorizationResult(AuthorizationOutcome Outcome, int? MallConnectionId, string? Detail = null, bool Reauthorization = false);

/// <summary>
/// The OAuth steps of モール詳細設定: 認証 starts TikTok's consent with a single-use state bound to the operator and the
/// connection; the callback checks that state, exchanges the code and stores the tokens encrypted; ショップ変更 picks a shop.
/// </summary>
public sealed partial class ShopAuthorization(
    TikTokSyncDbContext db,
    ITikTokShopAuthClient authClient,
    ITikTokShopApiClient apiClient,
    ConnectionTokens tokens,
    ConnectionTokenProtector protector,
    TimeProvider time,
    IOptions<MallSettingsOptions> options,
    ILogger<ShopAuthorization> logger)
{
    /// <summary>TikTok's word for a seller who pressed 拒否 on the consent page (docs/tiktok-shop-api.md#redirect-callback).</summary>
    public const string DeniedError = "auth_denied";

    public async Task<Uri> BeginAsync(int mallConnectionId, string userId, CancellationToken cancellationToken)
    {
        var connection = await db.MallConnections.SingleAsync(c => c.Id == mallConnectionId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        // Expired states are worthless; clearing them here keeps the table small without a job of its own.
        await db.AuthorizationRequests.Where(r => r.ExpiresAtUtc < now.AddDays(-1)).ExecuteDeleteAsync(cancellationToken);

        var state = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        db.AuthorizationRequests.Add(new AuthorizationRequest
        {
            State = state,
            MallConnectionId = connection.Id,
            UserId = userId,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + options.Value.AuthorizationStateLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return authClient.BuildAuthorizationUrl(state);
    }

    public async Task<AuthorizationResult> CompleteAsync(string? state, string? code, string? error, string userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state))
        {
            return new(AuthorizationOutcome.UnknownState, null);
        }

        var request = await db.AuthorizationRequests.AsNoTracking().SingleOrDefaultAsync(r => r.State == state, cancellationToken);
        if (request is null)
        {
            return new(AuthorizationOutcome.UnknownState, null);
        }

        if (!string.Equals(request.UserId, userId, StringComparison.Ordinal))
        {
            return new(AuthorizationOutcome.ForeignState, null);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (request.ExpiresAtUtc <= now)
        {
            return new(AuthorizationOutcome.ExpiredState, request.MallConnectionId);
        }

        // Consume atomically: of two callbacks racing with the same state, exactly one gets past this line.
        var consumed = await db.AuthorizationRequests
            .Where(r => r.State == state && r.ConsumedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ConsumedAtUtc, now), cancellationToken);
        if (consumed == 0)
        {
            return new(AuthorizationOutcome.ReplayedState, request.MallConnectionId);
        }

        if (string.Equals(error, DeniedError, StringComparison.Ordinal))
        {
            return new(AuthorizationOutcome.Denied, request.MallConnectionId);
        }

        if (string.IsNullOrEmpty(code))
        {
            return new(AuthorizationOutcome.MissingCode, request.MallConnectionId, error);
        }

        TikTokShopToken token;
        try
        {
            token = await authClient.GetAccessTokenAsync(code, cancellationToken);
        }
        catch (TikTokShopApiException ex)
        {
            LogExchangeFailed(logger, request.MallConnectionId, ex.Code, ex.ApiMessage, ex.RequestId);
            return new(AuthorizationOutcome.ExchangeFailed, request.MallConnectionId, $"{ex.Code}: {ex.ApiMessage}");
        }

        var connection = await db.MallConnections.SingleAsync(c => c.Id == request.MallConnectionId, cancellationToken);
        var reauthorization = connection.AuthorizedAtUtc is not null;
        ConnectionTokens.Apply(connection, token, protector, now);
        connection.AuthorizedAtUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        LogAuthorized(logger, connection.Id, token.AccessTokenExpiresAt, token.RefreshTokenExpiresAt);
        return new(AuthorizationOutcome.Authorized, connection.Id, Reauthorization: reauthorization);
    }

    public async Task<IReadOnlyList<TikTokAuthorizedShop>> GetShopsAsync(int mallConnectionId, CancellationToken cancellationToken) =>
        await apiClient.GetAuthorizedShopsAsync(tokens.SourceFor(mallConnectionId), cancellationToken);

    /// <summary>Stores the chosen shop from a fresh Get Authorized Shops answer (a posted cipher is never trusted).</summary>
    public async Task<bool> SelectShopAsync(int mallConnectionId, string shopId, CancellationToken cancellationToken)
    {
        var shops = await GetShopsAsync(mallConnectionId, cancellationToken);
        var shop = shops.FirstOrDefault(s => string.Equals(s.Id, shopId, StringComparison.Ordinal));
        if (shop is null)
        {
            return false;
        }

        var connection = await db.MallConnections.SingleAsync(c => c.Id == mallConnectionId, cancellationToken);
        if (!string.Equals(connection.TikTokShopId, shop.Id, StringComparison.Ordinal))
        {
            // Another shop has other delivery options and provider ids; stale mappings must not be pushed with.
            await db.ShippingProviderMappings.Where(m => m.MallConnectionId == mallConnectionId).ExecuteDeleteAsync(cancellationToken);
        }

        connection.TikTokShopId = shop.Id;
        connection.ShopCipher = shop.Cipher;
        connection.ShopName = shop.Name;
        connection.ShopRegion = shop.Region;
        connection.ShopCode = shop.Code;
        connection.Touch(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {MallConnectionId} authorized; access token expires {AccessExpiresAt:O}, authorization ends {AuthorizationEndsAt:O}")]
    private static partial void LogAuthorized(ILogger logger, int mallConnectionId, DateTimeOffset accessExpiresAt, DateTimeOffset authorizationEndsAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Code exchange for connection {MallConnectionId} failed: {Code} {ErrorMessage} (request {RequestId})")]
    private static partial void LogExchangeFailed(ILogger logger, int mallConnectionId, int? code, string? errorMessage, string? requestId);
}
