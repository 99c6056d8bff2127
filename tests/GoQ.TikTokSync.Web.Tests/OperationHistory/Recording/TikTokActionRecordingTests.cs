using System.Globalization;
using System.Net;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Time;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.Web.Tests.Shipping.Push;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Tests.OperationHistory.Recording;

/// <summary>
/// 操作履歴 of the actions that talk to TikTok: manual fetches, [発送情報を更新] and 再送信 from the order and from the
/// 自動処理ログ. The operator's request is on record (with the run's link); the automatic runs are not.
/// </summary>
public sealed class TikTokActionRecordingTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new() { Settings = ExportTestKit.QuickRetries };
    private AppUser _operator = null!;
    private AppUser _admin = null!;
    private HttpClient _operatorClient = null!;
    private int _connectionId;

    public async Task InitializeAsync()
    {
        _admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        _operator = await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        _connectionId = await _factory.AddAuthorizedConnectionAsync(_admin.Id);
        _operatorClient = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(_operatorClient, TikTokSyncWebFactory.OperatorEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private Task<OperationHistoryEntry> SingleOperatorRowAsync(long mark, OperationKind kind) =>
        _factory.SingleRowAsync(mark, kind, _operator.Id, TikTokSyncWebFactory.OperatorEmail);

    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    /// <summary>
    /// Waits until the runs earlier tests started through the pages (Hangfire jobs) have finished, so that none of them
    /// picks up the packages this test is about to enter.
    /// </summary>
    private async Task QuietAsync()
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (!await _factory.QueryAsync(db => db.ProcessingLogEntries.AnyAsync(e => e.FinishedAtUtc == null)))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("a background run did not finish within 30 seconds");
    }

    /// <summary>A package TikTok refused (its carrier does not match the tracking number), as 再送信 finds it.</summary>
    private async Task<(long OrderId, string Number, long PackageId, long RunId)> FailedPackageAsync()
    {
        await QuietAsync();
        var (orderId, number) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.SeinoTransportation, "1234567890");
        await _factory.WithDbAsync(db => db.ShippingPackages.Where(p => p.Id == packageId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Carrier, Carrier.Yamato)));
        var run = await _factory.PushAsync(_connectionId, [packageId]);
        Assert.Equal(1, run.Failed);
        return (orderId, number, packageId, run.Id);
    }

    // データ取込 › TikTok Shop API取込

    [Fact]
    public async Task FetchConfiguredDays_ByOperator_RecordsTheModeAndLinksToTheRun()
    {
        var mark = await _factory.MarkAsync();

        var response = await FormPosting.PostFormAsync(_operatorClient, "/Import?handler=ConfiguredDays", Fields(("connectionId", _connectionId.Invariant())));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await SingleOperatorRowAsync(mark, OperationKind.ManualFetchStarted);
        Assert.Equal("「TikTok Shop 1号店」の受注取得を開始（モール詳細の取得日数で取得）", row.Summary);
        Assert.Equal(["モール: TikTok Shop 1号店", "取得方法: モール詳細の取得日数で取得", "取得日数: 7日", "取得ステータス: 発送待ち"], row.DetailLines());
        Assert.Equal(response.Headers.Location!.OriginalString, row.TargetUrl);
        Assert.StartsWith("/Import/Run/", row.TargetUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchRange_RecordsTheJapanTimeRange_InvalidRangeOrUnauthorizedConnectionWritesNone()
    {
        var unauthorized = await _factory.AddConnectionAsync(c => c.DisplayName = "未認証店");
        var nowJst = JapanTime.ToJst(DateTimeOffset.UtcNow);
        var from = new DateTimeOffset(nowJst.Year, nowJst.Month, nowJst.Day, nowJst.Hour, nowJst.Minute, 0, JapanTime.Offset).AddDays(-2);
        var to = from.AddDays(1);
        string Input(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        string Shown(DateTimeOffset value) => value.ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, "/Import?handler=Range", Fields(("connectionId", _connectionId.Invariant()), ("From", Input(to)), ("To", Input(from)))), HttpStatusCode.OK, "取得日時（終了）は開始以降の日時を指定してください。", mark, before);
        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, "/Import?handler=Range", Fields(("connectionId", unauthorized.Invariant()), ("From", Input(from)), ("To", Input(to)))), HttpStatusCode.OK, "取得できません（未認証）。", mark, before);
        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, "/Import?handler=ConfiguredDays", Fields(("connectionId", unauthorized.Invariant()))), HttpStatusCode.OK, "取得できません（未認証）。", mark, before);

        var response = await FormPosting.PostFormAsync(_operatorClient, "/Import?handler=Range", Fields(("connectionId", _connectionId.Invariant()), ("From", Input(from)), ("To", Input(to))));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await SingleOperatorRowAsync(mark, OperationKind.ManualFetchStarted);
        Assert.Equal("「TikTok Shop 1号店」の受注取得を開始（期間指定）", row.Summary);
        Assert.Contains($"期間: {Shown(from)} 〜 {Shown(to)}（日本時間）", row.DetailLines());
        Assert.Equal(response.Headers.Location!.OriginalString, row.TargetUrl);
    }

    // データ書出 › 発送情報を更新

    [Fact]
    public async Task Push_RecordsTheCandidateOrdersAndTheRun()
    {
        await QuietAsync();
        var (orderId, number) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        var today = JapanTime.Today(TimeProvider.System);
        var from = today.AddDays(-14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var mark = await _factory.MarkAsync();

        var response = await FormPosting.PostFormAsync(_operatorClient, "/Export?handler=Push", Fields(("connectionId", _connectionId.Invariant()), ("From", from), ("To", to)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var runUrl = response.Headers.Location!.OriginalString;
        var row = await SingleOperatorRowAsync(mark, OperationKind.ShippingPushed);
        Assert.Contains((orderId, number), row.TouchedOrders());
        Assert.Equal($"「TikTok Shop 1号店」の発送情報を更新（受注 {row.Orders.Count}件）", row.Summary);
        var lines = row.DetailLines();
        Assert.Equal("モール: TikTok Shop 1号店", lines[0]);
        Assert.Equal($"作成期間: {from} 〜 {to}", lines[1]);
        Assert.Contains(number, lines.Single(l => l.StartsWith("受注番号: ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("実行: " + runUrl, lines[^1]);
        Assert.Equal(runUrl, row.TargetUrl);
    }

    [Fact]
    public async Task PushSelected_RecordsOnlyTheTickedOrder_NothingTickedWritesNone()
    {
        await QuietAsync();
        var orders = await _factory.CreateAndImportAsync(_connectionId, 2);
        var ticked = await _factory.EnterValidAsync(orders[0].Id, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        await _factory.EnterValidAsync(orders[1].Id, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        var today = JapanTime.Today(TimeProvider.System);
        var window = Fields(("connectionId", _connectionId.Invariant()), ("From", today.AddDays(-14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("To", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, "/Export?handler=PushSelected", window), HttpStatusCode.OK, "送信する受注を選択してください。", mark, before);

        var response = await FormPosting.PostFormAsync(_operatorClient, "/Export?handler=PushSelected", new Dictionary<string, string>(window) { ["Selected"] = ticked.Invariant() });

        var row = await SingleOperatorRowAsync(mark, OperationKind.ShippingPushed);
        Assert.Equal("「TikTok Shop 1号店」の選択した受注の発送情報を更新（受注 1件）", row.Summary);
        Assert.Equal([orders[0]], row.TouchedOrders());
        Assert.Contains("対象: 受注 1件（荷物 1件）", row.DetailLines());
        Assert.Equal(response.Headers.Location!.OriginalString, row.TargetUrl);
    }

    // 再送信

    [Fact]
    public async Task ResendFromOrderDetail_RecordsThePackageAndTheNewRun_PackageNotFailedWritesNone()
    {
        var failed = await FailedPackageAsync();
        var (okOrder, _) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var pending = await _factory.EnterValidAsync(okOrder, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        await _factory.WithDbAsync(db => db.ShippingPackages.Where(p => p.Id == pending).ExecuteUpdateAsync(s => s.SetProperty(p => p.PushState, ShipmentPushState.Pushed)));
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, $"/Orders/{okOrder}?handler=Resend&packageId={pending}", Fields()), HttpStatusCode.Redirect, "再送信できる状態ではありません（送信中または送信済み）。", mark, before);

        var response = await FormPosting.PostFormAsync(_operatorClient, $"/Orders/{failed.OrderId}?handler=Resend&packageId={failed.PackageId}", Fields());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var runUrl = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Export/Run/", runUrl, StringComparison.Ordinal);
        var row = await SingleOperatorRowAsync(mark, OperationKind.ShippingResent);
        Assert.Equal($"受注 {failed.Number} の発送情報を再送信", row.Summary);
        Assert.Equal(["荷物: ヤマト運輸 1234567890 " + JapanTime.Today(TimeProvider.System).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture), "実行: " + runUrl], row.DetailLines());
        Assert.Equal([(failed.OrderId, failed.Number)], row.TouchedOrders());
        Assert.Equal(runUrl, row.TargetUrl);
    }

    [Fact]
    public async Task ResendFromProcessingLog_RecordsTheOrderAndBothRuns_OrderWithoutFailureWritesNone()
    {
        var failed = await FailedPackageAsync();
        var (cleanOrder, _) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, $"/ProcessingLog/{failed.RunId}?handler=Resend&orderId={cleanOrder}", Fields()), HttpStatusCode.Redirect, "再送信できる状態ではありません（送信中または送信済み）。", mark, before);

        var response = await FormPosting.PostFormAsync(_operatorClient, $"/ProcessingLog/{failed.RunId}?handler=Resend&orderId={failed.OrderId}", Fields());

        var runUrl = response.Headers.Location!.OriginalString;
        var row = await SingleOperatorRowAsync(mark, OperationKind.ShippingResent);
        Assert.Equal($"受注 {failed.Number} の発送情報を再送信（自動処理ログから）", row.Summary);
        var lines = row.DetailLines();
        Assert.StartsWith("荷物: ヤマト運輸 1234567890", lines[0], StringComparison.Ordinal);
        Assert.Equal("実行: " + runUrl, lines[1]);
        Assert.Equal($"自動処理ログ: /ProcessingLog/{failed.RunId}", lines[2]);
        Assert.Equal([(failed.OrderId, failed.Number)], row.TouchedOrders());
        Assert.Equal(runUrl, row.TargetUrl);
    }

    // Automatic work

    [Fact]
    public async Task AutomaticFetchAndPush_AreNotOperatorActions_WriteNoRow()
    {
        await QuietAsync();
        var (orderId, _) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        var mark = await _factory.MarkAsync();

        var fetch = await _factory.ImportAsync(_connectionId, ImportMode.Incremental);
        var push = await _factory.PushAsync(_connectionId, trigger: ProcessingTrigger.Automatic);

        Assert.Equal(ProcessingResult.Success, fetch.Result);
        Assert.True(push.Updated >= 1);
        await _factory.NoRowAsync(mark);
    }
}
