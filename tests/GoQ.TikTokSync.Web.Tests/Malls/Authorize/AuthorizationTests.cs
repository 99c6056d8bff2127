using System.Net;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Web.Tests.Malls.Authorize;

/// <summary>OAuth state handling, token storage and upkeep, with the emulator and the app sharing one fake clock.</summary>
public sealed class AuthorizationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TikTokSyncWebFactory _factory;
    private string _adminId = string.Empty;
    private string _otherAdminId = string.Empty;

    public AuthorizationTests() => _factory = new TikTokSyncWebFactory { Time = _time, TestServices = ApiCallCounter.Install };

    public async Task InitializeAsync()
    {
        _adminId = (await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin)).Id;
        _otherAdminId = (await _factory.CreateUserAsync("second-admin@example.jp", AppRoles.Admin)).Id;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<AuthorizationResult> CompleteAsync(string? state, string? code, string? error, string userId)
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ShopAuthorization>().CompleteAsync(state, code, error, userId, CancellationToken.None);
    }

    private async Task<string> BeginAsync(int connectionId, string userId)
    {
        using var scope = _factory.Services.CreateScope();
        return await ConnectedShop.BeginAsync(scope.ServiceProvider.GetRequiredService<ShopAuthorization>(), connectionId, userId);
    }

    private string Code() => _factory.Emulator().CreateAuthorizationCode(DemoDefaults.SellerLoginId);

    [Fact]
    public async Task Callback_ValidState_StoresEncryptedTokensWithAbsoluteExpiries()
    {
        var id = await _factory.AddConnectionAsync();
        var state = await BeginAsync(id, _adminId);

        var result = await CompleteAsync(state, Code(), null, _adminId);

        Assert.Equal(AuthorizationOutcome.Authorized, result.Outcome);
        var connection = await _factory.ConnectionAsync(id);
        Assert.Equal(AuthorizationState.Authorized, connection.AuthorizationState);
        Assert.Equal(_time.GetUtcNow().UtcDateTime.AddDays(7), connection.AccessTokenExpiresAtUtc!.Value, TimeSpan.FromMinutes(1));
        Assert.True(connection.AuthorizationExpiresAtUtc > _time.GetUtcNow().UtcDateTime.AddYears(50));
        var plain = await _factory.Services.GetRequiredService<ConnectionTokens>().GetAccessTokenAsync(id, CancellationToken.None);
        Assert.DoesNotContain(plain, connection.ProtectedAccessToken, StringComparison.Ordinal);
        Assert.Equal(plain, _factory.Services.GetRequiredService<ConnectionTokenProtector>().Unprotect(connection.ProtectedAccessToken!));
    }

    [Fact]
    public async Task Callback_StateStartedByAnotherUser_IsRefusedAndStoresNothing()
    {
        var id = await _factory.AddConnectionAsync();
        var state = await BeginAsync(id, _otherAdminId);

        var result = await CompleteAsync(state, Code(), null, _adminId);

        Assert.Equal(AuthorizationOutcome.ForeignState, result.Outcome);
        Assert.Equal(AuthorizationState.NotAuthorized, (await _factory.ConnectionAsync(id)).AuthorizationState);
    }

    [Fact]
    public async Task Callback_StateUsedTwice_SecondIsRefused()
    {
        var id = await _factory.AddConnectionAsync();
        var state = await BeginAsync(id, _adminId);
        Assert.Equal(AuthorizationOutcome.Authorized, (await CompleteAsync(state, Code(), null, _adminId)).Outcome);

        var replay = await CompleteAsync(state, Code(), null, _adminId);

        Assert.Equal(AuthorizationOutcome.ReplayedState, replay.Outcome);
    }

    [Fact]
    public async Task Callback_StateOlderThanTenMinutes_IsRefusedAndStoresNothing()
    {
        var id = await _factory.AddConnectionAsync();
        var state = await BeginAsync(id, _adminId);
        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var result = await CompleteAsync(state, Code(), null, _adminId);

        Assert.Equal(AuthorizationOutcome.ExpiredState, result.Outcome);
        Assert.Null((await _factory.ConnectionAsync(id)).ProtectedAccessToken);
    }

    [Fact]
    public async Task Callback_UnknownState_IsRefused()
    {
        Assert.Equal(AuthorizationOutcome.UnknownState, (await CompleteAsync("forged-state", Code(), null, _adminId)).Outcome);
        Assert.Equal(AuthorizationOutcome.UnknownState, (await CompleteAsync(null, Code(), null, _adminId)).Outcome);
    }

    [Fact]
    public async Task CallbackPage_SellerDenied_ShowsJapaneseMessageAndStoresNothing()
    {
        var id = await _factory.AddConnectionAsync();
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);
        var state = await BeginAsync(id, _adminId);

        var response = await client.GetAsync($"/MallSettings/Callback?error=auth_denied&state={Uri.EscapeDataString(state)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("認証が拒否されました", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AuthorizationState.NotAuthorized, (await _factory.ConnectionAsync(id)).AuthorizationState);
    }

    [Fact]
    public async Task CallbackPage_ForgedState_IsBadRequestWithClearPage()
    {
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);

        var response = await client.GetAsync("/MallSettings/Callback?code=TTP_x&state=forged");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("認証の要求が見つかりません", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessToken_CloseToExpiry_IsRefreshedBeforeUse()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var tokens = _factory.Services.GetRequiredService<ConnectionTokens>();
        var original = await tokens.GetAccessTokenAsync(id, CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(2));

        var current = await tokens.GetAccessTokenAsync(id, CancellationToken.None);

        Assert.NotEqual(original, current);
        var connection = await _factory.ConnectionAsync(id);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, connection.LastTokenRefreshAtUtc!.Value, TimeSpan.FromSeconds(1));
        Assert.True(connection.AccessTokenExpiresAtUtc > _time.GetUtcNow().UtcDateTime.AddDays(6));
    }

    [Fact]
    public async Task AccessTokenExpiredAtTikTok_105002_IsRefreshedOnceAndTheCallSucceeds()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var tokens = _factory.Services.GetRequiredService<ConnectionTokens>();
        var original = await tokens.GetAccessTokenAsync(id, CancellationToken.None);
        Assert.True(_factory.Emulator().ExpireAccessTokens(DemoDefaults.SellerLoginId) > 0);

        using var scope = _factory.Services.CreateScope();
        var shops = await scope.ServiceProvider.GetRequiredService<ShopAuthorization>().GetShopsAsync(id, CancellationToken.None);

        Assert.Contains(shops, s => s.Id == DemoDefaults.ShopId);
        Assert.NotEqual(original, await tokens.GetAccessTokenAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task AuthorizationRevoked_RefreshRefused_ConnectionNeedsReauthorizationBannerShownAndFetchPaused()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId, c => c.AutoFetchEnabled = true);
        _factory.Emulator().RevokeAuthorization(DemoDefaults.SellerLoginId);
        _time.Advance(TimeSpan.FromDays(7));

        using (var scope = _factory.Services.CreateScope())
        {
            await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => scope.ServiceProvider.GetRequiredService<ShopAuthorization>().GetShopsAsync(id, CancellationToken.None));
        }

        var connection = await _factory.ConnectionAsync(id);
        Assert.Equal(AuthorizationState.ReauthorizationRequired, connection.AuthorizationState);
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);
        var page = await (await client.GetAsync("/Orders")).Content.ReadAsStringAsync();
        Assert.Contains("再認証が必要です", page, StringComparison.Ordinal);

        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AutoFetchJob>().RunAsync(id, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<AutoFetchJob>().RunAsync(id, CancellationToken.None);
        }

        var runs = await _factory.QueryAsync(db => db.ProcessingLogEntries.Where(e => e.MallConnectionId == id && e.Kind == ProcessingKind.AutoFetch).ToListAsync());
        var skipped = Assert.Single(runs);
        Assert.Equal(ProcessingResult.Skipped, skipped.Result);
        Assert.Equal("再認証が必要です", skipped.Reason);
        Assert.Contains(await _factory.QueryAsync(db => db.ProcessingLogEntries.Where(e => e.Kind == ProcessingKind.TokenRefresh).ToListAsync()), e => e.Result == ProcessingResult.Failure);
    }

    [Fact]
    public async Task AuthorizationRevokedWithoutWebhook_TokenStillValid_FirstRefusedCallPausesTheConnection()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId, c => c.AutoFetchEnabled = true);
        var emulator = _factory.Emulator();
        // No SELLER_DEAUTHORIZATION reaches the app: only TikTok's answers to its calls tell it.
        emulator.SetWebhookUrl(null);
        emulator.RevokeAuthorization(DemoDefaults.SellerLoginId);
        var calls = _factory.Services.GetRequiredService<ApiCallCounter>();

        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AutoFetchJob>().RunAsync(id, CancellationToken.None);
        }

        var callsAfterFirstRun = calls.Total;
        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AutoFetchJob>().RunAsync(id, CancellationToken.None);
        }

        var connection = await _factory.ConnectionAsync(id);
        Assert.Equal(AuthorizationState.ReauthorizationRequired, connection.AuthorizationState);
        Assert.Contains("再認証", connection.ReauthorizationReason, StringComparison.Ordinal);
        Assert.Equal(0, connection.ConsecutiveFetchFailures);
        Assert.Equal(callsAfterFirstRun, calls.Total);
        Assert.Equal(1, calls.Count("/api/v2/token/refresh"));
        var runs = await _factory.QueryAsync(db => db.ProcessingLogEntries.Where(e => e.MallConnectionId == id && e.Kind == ProcessingKind.AutoFetch).ToListAsync());
        Assert.All(runs, r => Assert.Equal((ProcessingResult.Skipped, "再認証が必要です"), (r.Result, r.Reason)));
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);
        Assert.Contains("再認証が必要です", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizationEndingWithin30Days_YellowBannerWithDate()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var ends = _time.GetUtcNow().UtcDateTime.AddDays(20);
        await _factory.WithDbAsync(db => db.MallConnections.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.AuthorizationExpiresAtUtc, ends)));
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);

        var page = await (await client.GetAsync("/")).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"expiry-banner\"", page, StringComparison.Ordinal);
        Assert.Contains(Core.Time.JapanTime.Format(ends), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Banners_Operator_AskForAnAdminInsteadOfLinkingToTheAdminOnlyScreen()
    {
        var reauthorize = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var expiring = await _factory.AddAuthorizedConnectionAsync(_adminId);
        await _factory.WithDbAsync(async db =>
        {
            await db.MallConnections.Where(c => c.Id == reauthorize).ExecuteUpdateAsync(s => s.SetProperty(c => c.AuthorizationState, AuthorizationState.ReauthorizationRequired));
            await db.MallConnections.Where(c => c.Id == expiring).ExecuteUpdateAsync(s => s.SetProperty(c => c.AuthorizationExpiresAtUtc, _time.GetUtcNow().UtcDateTime.AddDays(20)));
        });
        await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        var operatorClient = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(operatorClient, TikTokSyncWebFactory.OperatorEmail);
        var adminClient = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(adminClient, TikTokSyncWebFactory.AdminEmail);

        var operatorPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await operatorClient.GetStringAsync("/"));
        var adminPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await adminClient.GetStringAsync("/"));

        Assert.Contains("管理者に再認証を依頼してください。", operatorPage.QuerySelector("[data-testid=reauth-banner]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("管理者に再認証を依頼してください。", operatorPage.QuerySelector("[data-testid=expiry-banner]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(operatorPage.QuerySelectorAll("[data-testid$=-banner] a"));
        Assert.Equal($"/MallSettings/Details/{reauthorize}", adminPage.QuerySelector("[data-testid=reauth-banner] a")!.GetAttribute("href"));
        Assert.Equal($"/MallSettings/Details/{expiring}", adminPage.QuerySelector("[data-testid=expiry-banner] a")!.GetAttribute("href"));
    }
}
