using GoQ.TikTokSync.TikTokShop.Emulator.Protocol;
using GoQ.TikTokSync.TikTokShop.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Auth;

/// <summary>
/// The auth host's token endpoints (docs/tiktok-shop-api.md#token-exchange, docs/tiktok-shop-api.md#token-refresh): unsigned GETs with the app secret in the query. They are not in the OAS.
/// </summary>
internal static class TokenEndpoints
{
    public const string GetTokenPath = "/api/v2/token/get";
    public const string RefreshTokenPath = "/api/v2/token/refresh";

    /// <summary>Literally <c>authorized_code</c>, not OAuth's authorization_code (docs/tiktok-shop-api.md#token-exchange, docs/tiktok-shop-api.md#pitfalls).</summary>
    public const string AuthorizedCodeGrant = "authorized_code";

    public const string RefreshTokenGrant = "refresh_token";

    /// <summary>The token host answers "success" in lower case (docv2 Get Access Token sample).</summary>
    public const string SuccessMessage = "success";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(GetTokenPath, context => HandleAsync(context, AuthorizedCodeGrant, (store, query) =>
            store.ExchangeAuthCode(query["auth_code"].ToString())));

        app.MapGet(RefreshTokenPath, context => HandleAsync(context, RefreshTokenGrant, (store, query) =>
            store.Refresh(query["refresh_token"].ToString())));
    }

    private static async Task HandleAsync(
        HttpContext context,
        string expectedGrant,
        Func<AuthorizationStore, IQueryCollection, (TokenGrant? Grant, EmulatorError? Error)> exchange)
    {
        var services = context.RequestServices;
        var gateway = services.GetRequiredService<OpenApiGateway>();
        var requestId = RequestIds.Create(services.GetRequiredService<TimeProvider>().GetUtcNow());
        var faults = await gateway.BeginAsync(context.RequestAborted);
        var result = faults.Error is { } fault
            ? EnvelopeResult.Error(fault, requestId)
            : Exchange(context, requestId, expectedGrant, exchange);
        await gateway.HoldAnswerAsync(faults, context.RequestAborted);
        await result.ExecuteAsync(context);
    }

    private static EnvelopeResult Exchange(
        HttpContext context,
        string requestId,
        string expectedGrant,
        Func<AuthorizationStore, IQueryCollection, (TokenGrant? Grant, EmulatorError? Error)> exchange)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<EmulatorOptions>();
        var query = context.Request.Query;
        if (!string.Equals(query["app_key"].ToString(), options.AppKey, StringComparison.Ordinal))
        {
            return EnvelopeResult.Error(EmulatorErrors.InvalidAppKey, requestId);
        }

        if (!string.Equals(query["app_secret"].ToString(), options.AppSecret, StringComparison.Ordinal))
        {
            return EnvelopeResult.Error(EmulatorErrors.InvalidAppSecret, requestId);
        }

        if (!string.Equals(query["grant_type"].ToString(), expectedGrant, StringComparison.Ordinal))
        {
            return EnvelopeResult.Error(EmulatorErrors.InvalidGrantType, requestId);
        }

        var (grant, error) = exchange(services.GetRequiredService<AuthorizationStore>(), query);
        if (error is not null)
        {
            return EnvelopeResult.Error(error, requestId);
        }

        return EnvelopeResult.Success(
            new TokenData
            {
                AccessToken = grant!.AccessToken,
                AccessTokenExpireIn = grant.AccessTokenExpireIn,
                RefreshToken = grant.RefreshToken,
                RefreshTokenExpireIn = grant.RefreshTokenExpireIn,
                OpenId = grant.OpenId,
                SellerName = grant.SellerName,
                SellerBaseRegion = grant.SellerBaseRegion,
                UserType = grant.UserType,
                GrantedScopes = grant.GrantedScopes,
            },
            requestId,
            SuccessMessage);
    }
}
