using System.Globalization;
using System.Net;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Webhooks;
using GoQ.TikTokSync.Core.Webhooks.Receive;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.Web.Tests.Shipping.Push;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using GoQ.TikTokSync.Web.Tests.Webhooks.Receive;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Malls.ChooseMalls;

/// <summary>
/// 各種設定 › モール選択: adding connections, saving the table all or nothing, and what 利用しない does: no recurring
/// fetch, and no TikTok call from any path (fetches, webhooks, token upkeep, 再送信, shop and carrier lists).
/// </summary>
public sealed class MallSelectionTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new() { Settings = ExportTestKit.QuickRetries, TestServices = ApiCallCounter.Install };
    private HttpClient _admin = null!;
    private string _adminId = string.Empty;

    public async Task InitializeAsync()
    {
        _adminId = (await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin)).Id;
        _admin = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(_admin, TikTokSyncWebFactory.AdminEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Add_Twice_CreatesNumberedShops()
    {
        await FormPosting.PostFormAsync(_admin, "/MallSettings?handler=Add", new Dictionary<string, string>());
        await FormPosting.PostFormAsync(_admin, "/MallSettings?handler=Add", new Dictionary<string, string>());

        var names = await _factory.QueryAsync(db => db.MallConnections.OrderBy(c => c.Id).Select(c => c.DisplayName).ToListAsync());
        Assert.Equal(["TikTok Shop 1号店", "TikTok Shop 2号店"], names);
    }

    [Fact]
    public async Task Save_ValidRows_UpdatesNameCarrierOrderAndUse()
    {
        var first = await _factory.AddConnectionAsync();

        var response = await FormPosting.PostFormAsync(_admin, "/MallSettings?handler=Save", new Dictionary<string, string>
        {
            ["Rows[0].Id"] = first.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rows[0].DisplayName"] = "本店",
            ["Rows[0].PrimaryCarrier"] = nameof(Carrier.Sagawa),
            ["Rows[0].DisplayOrder"] = "3",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var connection = await _factory.ConnectionAsync(first);
        Assert.Equal("本店", connection.DisplayName);
        Assert.Equal(Carrier.Sagawa, connection.PrimaryCarrier);
        Assert.Equal(3, connection.DisplayOrder);
        Assert.False(connection.IsEnabled);
    }

    [Fact]
    public async Task Save_DuplicateOrEmptyNames_ShowsMessagesAndSavesNothing()
    {
        var first = await _factory.AddConnectionAsync(c => c.DisplayName = "1号店");
        var second = await _factory.AddConnectionAsync(c => c.DisplayName = "2号店");

        var response = await FormPosting.PostFormAsync(_admin, "/MallSettings?handler=Save", new Dictionary<string, string>
        {
            ["Rows[0].Id"] = first.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rows[0].DisplayName"] = "同じ名前",
            ["Rows[0].DisplayOrder"] = "1",
            ["Rows[1].Id"] = second.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rows[1].DisplayName"] = "同じ名前",
            ["Rows[1].DisplayOrder"] = "abc",
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("管理用店舗名が重複しています。", html, StringComparison.Ordinal);
        Assert.Equal("1号店", (await _factory.ConnectionAsync(first)).DisplayName);
        Assert.Equal("2号店", (await _factory.ConnectionAsync(second)).DisplayName);
    }

    [Fact]
    public async Task Save_Unused_RemovesTheRecurringFetch_AndUsedAgainRestoresIt()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        await SaveConnectionSettingsAsync(id, autoFetch: true);
        Assert.True(IsScheduled(id), "precondition: 自動取得 on schedules the 10-minute fetch");

        var unused = await SaveMallSelectionAsync(id, used: false);

        Assert.Equal(HttpStatusCode.Redirect, unused.StatusCode);
        Assert.False((await _factory.ConnectionAsync(id)).IsEnabled);
        Assert.False(IsScheduled(id), "a connection set to 利用しない must have no recurring fetch");

        await SaveMallSelectionAsync(id, used: true);

        Assert.True(IsScheduled(id), "利用する with 自動取得 still on must bring the recurring fetch back");
    }

    [Fact]
    public async Task Unused_NoPathCallsTikTok_AndEachSaysWhy()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId, c =>
        {
            c.AutoFetchEnabled = true;
            c.AutoExportEnabled = true;
        });
        var orderId = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        await SaveMallSelectionAsync(id, used: false);
        // The access token is due for the daily upkeep: only 利用しない keeps it from being refreshed.
        await _factory.WithDbAsync(db => db.MallConnections.Where(c => c.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.AccessTokenExpiresAtUtc, DateTime.UtcNow.AddMinutes(1))));
        var callsBefore = ApiCalls.Total;

        // The 10-minute job (as Hangfire runs it, were it still scheduled).
        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AutoFetchJob>().RunAsync(id, CancellationToken.None);
        }

        // データ取込, a webhook, a notification left from before the switch, token upkeep, the shop list.
        var manual = await _factory.ImportAsync(id, ImportMode.ConfiguredDays);
        var webhook = await _factory.CreateClient().PostAsync(WebhookTestKit.OrderStatusChange(orderId, "AWAITING_SHIPMENT"));
        await _factory.WithDbAsync(async db =>
        {
            db.WebhookNotifications.Add(new WebhookNotification { DedupeKey = "left-over", Type = WebhookTypes.OrderStatusChange, ShopId = DemoDefaults.ShopId, MallConnectionId = id, TikTokOrderId = orderId, ReceivedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<WebhookOrderSyncJob>().RunAsync(id, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<ConnectionTokens>().RefreshExpiringAsync(CancellationToken.None);
        }

        var shopsPage = await _admin.GetStringAsync($"/MallSettings/Details/{id}/Shops");
        var push = await _factory.PushAsync(id);

        Assert.Equal(0, ApiCalls.Total - callsBefore);
        const string Reason = "このショップは利用しない設定です";
        var automatic = await _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().Where(e => e.MallConnectionId == id && e.Kind == ProcessingKind.AutoFetch).ToListAsync());
        var skipped = Assert.Single(automatic);
        Assert.Equal((ProcessingResult.Skipped, Reason), (skipped.Result, skipped.Reason));
        Assert.Equal((ProcessingResult.Skipped, Reason), (manual.Result, manual.Reason));
        Assert.Equal((ProcessingResult.Skipped, Reason), (push.Result, push.Reason));
        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        Assert.Null((await _factory.ConnectionAsync(id)).WebhookSyncQueuedAtUtc);
        Assert.Equal(0, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync(n => n.ProcessedAtUtc == null)));
        Assert.Contains(Reason, shopsPage, StringComparison.Ordinal);
        Assert.Equal(AuthorizationState.Authorized, (await _factory.ConnectionAsync(id)).AuthorizationState);
    }

    [Fact]
    public async Task Resend_OfAnUnusedShop_IsRefusedWithTheReason_FromTheOrderPageAndTheLog()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var (orderId, _) = (await _factory.CreateAndImportAsync(id, 1))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.SeinoTransportation, "1234567890");
        await _factory.WithDbAsync(db => db.ShippingPackages.Where(p => p.Id == packageId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Carrier, Carrier.Yamato)));
        var failedRun = await _factory.PushAsync(id);
        Assert.Equal(1, failedRun.Failed);
        await SaveMallSelectionAsync(id, used: false);
        var runsBefore = await _factory.QueryAsync(db => db.ProcessingLogEntries.CountAsync(e => e.Kind == ProcessingKind.Export));

        var fromOrder = await FormPosting.PostFormAsync(_admin, $"/Orders/{orderId}?handler=Resend&packageId={packageId}", new Dictionary<string, string>());
        var orderPage = await _admin.GetStringAsync(fromOrder.Headers.Location!.OriginalString);
        var fromLog = await FormPosting.PostFormAsync(_admin, $"/ProcessingLog/{failedRun.Id}?handler=Resend&orderId={orderId}", new Dictionary<string, string>());
        var logPage = await _admin.GetStringAsync(fromLog.Headers.Location!.OriginalString);

        Assert.Contains("このショップは利用しない設定です", orderPage, StringComparison.Ordinal);
        Assert.Contains("このショップは利用しない設定です", logPage, StringComparison.Ordinal);
        Assert.Equal(runsBefore, await _factory.QueryAsync(db => db.ProcessingLogEntries.CountAsync(e => e.Kind == ProcessingKind.Export)));
        Assert.Equal(ShipmentPushState.Failed, (await _factory.PackageAsync(packageId)).PushState);
    }

    private ApiCallCounter ApiCalls => _factory.Services.GetRequiredService<ApiCallCounter>();

    private bool IsScheduled(int connectionId)
    {
        using var storage = _factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(storage).Any(j => j.Id == AutoFetchSchedule.JobId(connectionId));
    }

    private async Task SaveConnectionSettingsAsync(int connectionId, bool autoFetch)
    {
        var response = await FormPosting.PostFormAsync(_admin, $"/MallSettings/Details/{connectionId}?handler=Save", new Dictionary<string, string>
        {
            ["Input.FetchTikTokStatus"] = "AWAITING_SHIPMENT",
            ["Input.TargetGoqStatus"] = "NewOrder",
            ["Input.FetchDays"] = "7",
            ["Input.AutoFetchEnabled"] = autoFetch ? "true" : "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The モール選択 table as the browser posts it: an unticked 利用 checkbox sends nothing.</summary>
    private async Task<HttpResponseMessage> SaveMallSelectionAsync(int connectionId, bool used)
    {
        var connection = await _factory.ConnectionAsync(connectionId);
        var fields = new Dictionary<string, string>
        {
            ["Rows[0].Id"] = connectionId.ToString(CultureInfo.InvariantCulture),
            ["Rows[0].DisplayName"] = connection.DisplayName,
            ["Rows[0].PrimaryCarrier"] = connection.PrimaryCarrier.ToString(),
            ["Rows[0].DisplayOrder"] = connection.DisplayOrder.ToString(CultureInfo.InvariantCulture),
        };
        if (used)
        {
            fields["Rows[0].IsEnabled"] = "true";
        }

        var response = await FormPosting.PostFormAsync(_admin, "/MallSettings?handler=Save", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }
}
