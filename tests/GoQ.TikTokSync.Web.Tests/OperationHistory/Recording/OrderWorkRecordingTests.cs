using System.Globalization;
using System.Net;
using System.Text;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;
using GoQ.TikTokSync.Core.Time;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.OperationHistory.Recording;

/// <summary>
/// 操作履歴 of the order work that stays in the store: status moves, cancellation acknowledgements, shipping entry on the list
/// and the detail page, packages, 備考 and the tracking CSV. Each action writes one row naming the user who did it.
/// </summary>
public sealed class OrderWorkRecordingTests : IAsyncLifetime
{
    private static long _serial = 577_000_000_000_000_000;

    private readonly TikTokSyncWebFactory _factory = new();
    private AppUser _operator = null!;
    private AppUser _admin = null!;
    private HttpClient _operatorClient = null!;
    private HttpClient _adminClient = null!;
    private int _connectionId;

    private static string Today => JapanTime.Today(TimeProvider.System).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        _operator = await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        _admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        _connectionId = await _factory.AddConnectionAsync();
        _operatorClient = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(_operatorClient, TikTokSyncWebFactory.OperatorEmail);
        _adminClient = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(_adminClient, TikTokSyncWebFactory.AdminEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<(long Id, string Number)> SeedOrderAsync(GoqOrderStatus status = GoqOrderStatus.NewOrder, bool cancelledOnTikTok = false)
    {
        var number = Interlocked.Increment(ref _serial).ToString(CultureInfo.InvariantCulture);
        var order = new Order
        {
            MallConnectionId = _connectionId,
            TikTokOrderId = number,
            TikTokStatus = cancelledOnTikTok ? TikTokOrderStatus.Cancelled : TikTokOrderStatus.AwaitingShipment,
            IsCancelledOnTikTok = cancelledOnTikTok,
            GoqStatus = status,
            OrderedAtUtc = DateTime.UtcNow.AddDays(-2),
            TikTokUpdatedAtUtc = DateTime.UtcNow.AddDays(-2),
            RecipientName = "山田 太郎",
            Lines = [new OrderLine { TikTokLineItemId = number + "-1", SkuId = "SKU-1", ProductName = "緑茶", SalePrice = 1200m }],
        };
        await _factory.WithDbAsync(async db =>
        {
            db.Orders.Add(order);
            await db.SaveChangesAsync();
        });
        return (order.Id, number);
    }

    private async Task<ShippingPackage> AddPackageAsync(long orderId, string tracking = "123456789013")
    {
        using var scope = _factory.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ShippingEntry>()
            .SaveAsync(orderId, null, new PackageInput(Carrier.Yamato, tracking, Today), null, "seed", CancellationToken.None);
        Assert.True(result.Saved, string.Join(" / ", result.Errors.Select(e => e.Message)));
        return await _factory.QueryAsync(db => db.ShippingPackages.AsNoTracking().SingleAsync(p => p.Id == result.PackageId));
    }

    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    // 受注一覧 › ステータス移動

    [Fact]
    public async Task Move_ByOperator_OneRowNamesTheOperatorAndOnlyTheOrdersThatMoved()
    {
        var first = await SeedOrderAsync();
        var second = await SeedOrderAsync();
        var alreadyHeld = await SeedOrderAsync(GoqOrderStatus.OnHold);
        var mark = await _factory.MarkAsync();
        var content = new FormUrlEncodedContent(
        [
            new("Selected", first.Id.Invariant()),
            new("Selected", second.Id.Invariant()),
            new("Selected", alreadyHeld.Id.Invariant()),
            new("MoveTo", nameof(GoqOrderStatus.OnHold)),
            new("__RequestVerificationToken", await FormPosting.GetAntiforgeryTokenAsync(_operatorClient, "/Orders")),
        ]);

        var response = await _operatorClient.PostAsync("/Orders?handler=Move", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await _factory.SingleRowAsync(mark, OperationKind.StatusMoved, _operator.Id, TikTokSyncWebFactory.OperatorEmail);
        Assert.Equal("受注 2件を 保留 に移動", row.Summary);
        Assert.Equal([$"新規受付 → 保留: 2件（{first.Number}, {second.Number}）"], row.DetailLines());
        Assert.Equal([first, second], row.TouchedOrders());
        Assert.Equal("/Orders?status=OnHold", row.TargetUrl);
    }

    [Fact]
    public async Task Move_OrdersFromTwoStatuses_DetailsAreGroupedByFromStatusAndOneOrderLinksToIt()
    {
        var fresh = await SeedOrderAsync(GoqOrderStatus.NewOrder);
        var waiting = await SeedOrderAsync(GoqOrderStatus.AwaitingShipment);
        var mark = await _factory.MarkAsync();
        var content = new FormUrlEncodedContent(
        [
            new("Selected", waiting.Id.Invariant()),
            new("Selected", fresh.Id.Invariant()),
            new("MoveTo", nameof(GoqOrderStatus.Processed)),
            new("__RequestVerificationToken", await FormPosting.GetAntiforgeryTokenAsync(_adminClient, "/Orders")),
        ]);

        await _adminClient.PostAsync("/Orders?handler=Move", content);

        var row = await _factory.SingleRowAsync(mark, OperationKind.StatusMoved, _admin.Id, TikTokSyncWebFactory.AdminEmail);
        Assert.Equal("受注 2件を 処理済 に移動", row.Summary);
        Assert.Equal([$"新規受付 → 処理済: 1件（{fresh.Number}）", $"発送待ち → 処理済: 1件（{waiting.Number}）"], row.DetailLines());

        var single = await SeedOrderAsync();
        mark = await _factory.MarkAsync();
        await FormPosting.PostFormAsync(_operatorClient, "/Orders?handler=Move", Fields(("Selected", single.Id.Invariant()), ("MoveTo", nameof(GoqOrderStatus.AwaitingShipment))));

        var singleRow = await _factory.SingleRowAsync(mark, OperationKind.StatusMoved, _operator.Id, TikTokSyncWebFactory.OperatorEmail);
        Assert.Equal($"/Orders/{single.Id}", singleRow.TargetUrl);
        Assert.Equal([single], singleRow.TouchedOrders());
    }

    [Fact]
    public async Task Move_NothingMovesOrNoTarget_WritesNoRow()
    {
        var held = await SeedOrderAsync(GoqOrderStatus.OnHold);
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, "/Orders?handler=Move", Fields(("Selected", held.Id.Invariant()), ("MoveTo", nameof(GoqOrderStatus.OnHold)))), HttpStatusCode.Redirect, "0件の受注を「保留」へ移動しました。", mark, before);
        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, "/Orders?handler=Move", Fields(("Selected", held.Id.Invariant()))), HttpStatusCode.Redirect, "移動先のステータスを選択してください。", mark, before);
        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, "/Orders?handler=Move", Fields(("MoveTo", nameof(GoqOrderStatus.Processed)))), HttpStatusCode.Redirect, "受注を選択してください。", mark, before);
    }

    // 受注一覧 › キャンセル確認

    [Fact]
    public async Task Acknowledge_CancelledOrder_OneRowWithTheOrder_NotCancelledOrderWritesNone()
    {
        var cancelled = await SeedOrderAsync(GoqOrderStatus.Cancelled, cancelledOnTikTok: true);
        var notCancelled = await SeedOrderAsync();
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, "/Orders?handler=Acknowledge", Fields(("Selected", notCancelled.Id.Invariant()))), HttpStatusCode.Redirect, "0件のキャンセルを確認済みにしました。", mark, before);

        await FormPosting.PostFormAsync(_operatorClient, "/Orders?handler=Acknowledge", Fields(("Selected", cancelled.Id.Invariant())));

        var row = await _factory.SingleRowAsync(mark, OperationKind.CancellationAcknowledged, _operator.Id, TikTokSyncWebFactory.OperatorEmail);
        Assert.Equal("TikTok側キャンセル 1件を確認済みに", row.Summary);
        Assert.Equal($"受注番号: {cancelled.Number}", row.Details);
        Assert.Equal([cancelled], row.TouchedOrders());
        Assert.Equal($"/Orders/{cancelled.Id}", row.TargetUrl);
    }

    // 受注一覧 › 配送業者・出荷日 / 伝票番号

    [Fact]
    public async Task BulkShipDate_RecordsCarrierDateAndTheSavedOrders_RefusedOrderIsNamedButNotTouched()
    {
        var open = await SeedOrderAsync();
        var cancelled = await SeedOrderAsync(cancelledOnTikTok: true);
        var mark = await _factory.MarkAsync();
        var content = new FormUrlEncodedContent(
        [
            new("Selected", open.Id.Invariant()),
            new("Selected", cancelled.Id.Invariant()),
            new("BulkCarrier", nameof(Carrier.Sagawa)),
            new("BulkShipDate", string.Empty),
            new("__RequestVerificationToken", await FormPosting.GetAntiforgeryTokenAsync(_operatorClient, "/Orders")),
        ]);

        await _operatorClient.PostAsync("/Orders?handler=ShipDate", content);

        var row = await _factory.SingleRowAsync(mark, OperationKind.ShippingEdited, _operator.Id, TikTokSyncWebFactory.OperatorEmail);
        Assert.Equal("受注 1件に配送業者・出荷日を設定（受注一覧）", row.Summary);
        var lines = row.DetailLines();
        Assert.Equal("配送業者: 佐川急便", lines[0]);
        Assert.Equal($"出荷日: {Today}（当日）", lines[1]);
        Assert.Equal($"受注番号: {open.Number}", lines[2]);
        Assert.StartsWith($"設定できなかった受注: 1件（{cancelled.Number}: ", lines[3], StringComparison.Ordinal);
        Assert.Equal([open], row.TouchedOrders());
        Assert.Equal($"/Orders/{open.Id}", row.TargetUrl);
    }

    [Fact]
    public async Task BulkShipDate_NoCarrierOrAllRefused_WritesNoRow()
    {
        var cancelled = await SeedOrderAsync(cancelledOnTikTok: true);
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, "/Orders?handler=ShipDate", Fields(("Selected", cancelled.Id.Invariant()), ("BulkCarrier", nameof(Carrier.Yamato)))), HttpStatusCode.Redirect, "設定できなかった受注: 577", mark, before);
        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, "/Orders?handler=ShipDate", Fields(("Selected", cancelled.Id.Invariant()))), HttpStatusCode.Redirect, "配送業者を選択してください。", mark, before);
    }

    [Fact]
    public async Task BulkTracking_RecordsEachOrdersNormalizedNumber_BadNumberWritesNoRow()
    {
        var order = await SeedOrderAsync();
        var id = order.Id.Invariant();
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, "/Orders?handler=Tracking", Fields(("Selected", id), ("BulkCarrier", nameof(Carrier.Yamato)), ($"BulkTracking[{id}]", "123456789016"))), HttpStatusCode.Redirect, "保存しませんでした。", mark, before);

        await FormPosting.PostFormAsync(_operatorClient, "/Orders?handler=Tracking", Fields(("Selected", id), ("BulkCarrier", nameof(Carrier.Yamato)), ($"BulkTracking[{id}]", "1234-5678-9013"), ("BulkShipDate", Today)));

        var row = await _factory.SingleRowAsync(mark, OperationKind.ShippingEdited, _operator.Id, TikTokSyncWebFactory.OperatorEmail);
        Assert.Equal("受注 1件に伝票番号を保存（受注一覧）", row.Summary);
        Assert.Equal(["配送業者: ヤマト運輸", $"出荷日: {Today}", $"{order.Number}: 伝票番号 123456789013"], row.DetailLines());
        Assert.Equal([order], row.TouchedOrders());
    }

    // 受注詳細

    [Fact]
    public async Task DetailShipping_AddThenChangeDate_EachSaveRecordsOldToNew_InvalidSaveWritesNone()
    {
        var order = await SeedOrderAsync();
        var page = $"/Orders/{order.Id}?handler=Shipping";
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, page, Fields(("Shipping.Carrier", nameof(Carrier.Yamato)), ("Shipping.TrackingNumber", "123456789016"))), HttpStatusCode.OK, "ヤマト運輸の伝票番号として正しくありません（チェックデジット不一致）。", mark, before);

        await FormPosting.PostFormAsync(_operatorClient, page, Fields(("Shipping.Carrier", nameof(Carrier.Yamato)), ("Shipping.TrackingNumber", "1234-5678-9013"), ("Shipping.ShipDate", Today)));

        var added = await _factory.SingleRowAsync(mark, OperationKind.ShippingEdited, _operator.Id, TikTokSyncWebFactory.OperatorEmail);
        Assert.Equal($"受注 {order.Number} の発送情報を保存（ヤマト運輸 123456789013 {Today}）", added.Summary);
        Assert.Equal(
            ["荷物を追加", "配送業者: （なし） → ヤマト運輸", "伝票番号: （なし） → 123456789013", $"出荷日: （なし） → {Today}", "商品: （なし） → 1点"],
            added.DetailLines());
        Assert.Equal([order], added.TouchedOrders());
        Assert.Equal($"/Orders/{order.Id}", added.TargetUrl);

        var package = await _factory.QueryAsync(db => db.ShippingPackages.AsNoTracking().SingleAsync(p => p.OrderId == order.Id));
        var yesterday = JapanTime.Today(TimeProvider.System).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        mark = await _factory.MarkAsync();
        await FormPosting.PostFormAsync(_adminClient, page, Fields(
            ("Shipping.PackageId", package.Id.Invariant()),
            ("Shipping.Version", package.Version.ToString()),
            ("Shipping.Carrier", nameof(Carrier.Yamato)),
            ("Shipping.TrackingNumber", "123456789013"),
            ("Shipping.ShipDate", yesterday)));

        var changed = await _factory.SingleRowAsync(mark, OperationKind.ShippingEdited, _admin.Id, TikTokSyncWebFactory.AdminEmail);
        Assert.Equal(["荷物を変更", $"出荷日: {Today} → {yesterday.Replace('-', '/')}"], changed.DetailLines());
    }

    [Fact]
    public async Task DetailNote_RecordsLengthsAndOnlyTheBeginning_TooLongWritesNone()
    {
        var order = await SeedOrderAsync();
        var note = "お客様より電話あり。配達は午前中希望、不在時は宅配ボックスへ。" + new string('あ', 30) + "ここから先は履歴に残らない秘密の続き";
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, $"/Orders/{order.Id}?handler=Note", Fields(("Note", new string('x', 4001)))), HttpStatusCode.OK, "備考は4000文字以内で入力してください。", mark, before);

        await FormPosting.PostFormAsync(_operatorClient, $"/Orders/{order.Id}?handler=Note", Fields(("Note", note)));

        var row = await _factory.SingleRowAsync(mark, OperationKind.NoteEdited, _operator.Id, TikTokSyncWebFactory.OperatorEmail);
        Assert.Equal($"受注 {order.Number} の備考を保存", row.Summary);
        Assert.Equal([$"文字数: 0 → {note.Length}", "先頭: " + note[..50] + "…"], row.DetailLines());
        Assert.DoesNotContain("秘密の続き", row.Details, StringComparison.Ordinal);
        Assert.Equal([order], row.TouchedOrders());
        Assert.Equal($"/Orders/{order.Id}", row.TargetUrl);
    }

    [Fact]
    public async Task DetailDeletePackage_RecordsTheDeletedPackage_PushedPackageRefusedWritesNone()
    {
        var order = await SeedOrderAsync();
        var package = await AddPackageAsync(order.Id);
        var pushedOrder = await SeedOrderAsync();
        var pushed = await AddPackageAsync(pushedOrder.Id, "100000000004");
        await _factory.WithDbAsync(db => db.ShippingPackages.Where(p => p.Id == pushed.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PushedTrackingNumber, "100000000004")));
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, $"/Orders/{pushedOrder.Id}?handler=DeletePackage&packageId={pushed.Id}", Fields()), HttpStatusCode.Redirect, "TikTok Shop へ送信済みの荷物は削除できません。", mark, before);

        var response = await FormPosting.PostFormAsync(_operatorClient, $"/Orders/{order.Id}?handler=DeletePackage&packageId={package.Id}", Fields());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await _factory.SingleRowAsync(mark, OperationKind.PackageDeleted, _operator.Id, TikTokSyncWebFactory.OperatorEmail);
        Assert.Equal($"受注 {order.Number} の荷物を削除", row.Summary);
        Assert.Equal($"削除した荷物: ヤマト運輸 123456789013 {Today}", row.Details);
        Assert.Equal([order], row.TouchedOrders());
        Assert.Equal($"/Orders/{order.Id}", row.TargetUrl);
    }

    [Fact]
    public async Task DetailPage_ShowsTheOrdersOperationHistory()
    {
        var order = await SeedOrderAsync();
        await FormPosting.PostFormAsync(_operatorClient, $"/Orders/{order.Id}?handler=Note", Fields(("Note", "午前中指定")));

        var html = await _operatorClient.GetStringAsync($"/Orders/{order.Id}");

        Assert.Contains("操作履歴", html, StringComparison.Ordinal);
        Assert.Contains($"受注 {order.Number} の備考を保存", html, StringComparison.Ordinal);
    }

    // データ取込 › 伝票番号取込

    [Fact]
    public async Task TrackingCsvConfirm_RecordsFileNameRowsAppliedAndTheOrders_PreviewAndErrorDownloadWriteNone()
    {
        var good = await SeedOrderAsync();
        var file = Encoding.UTF8.GetBytes(
            "注文ID,配送業者,伝票番号,出荷日\n"
            + $"{good.Number},ヤマト運輸,1234-5678-9013,{Today}\n"
            + "576199999999999999,ヤマト運輸,100000000004,\n");
        var mark = await _factory.MarkAsync();

        var carried = Fields(
            ("UploadToken", await PreviewTrackingCsvAsync(file, "出荷実績.csv")),
            ("Format", nameof(TrackingCsvFormat.Generic)),
            ("FileEncoding", nameof(TrackingCsvEncoding.Utf8)));
        var errors = await FormPosting.PostFormAsync(_operatorClient, "/Import/Tracking?handler=Errors", carried);
        Assert.Equal("text/csv", errors.Content.Headers.ContentType?.MediaType);
        await _factory.NoRowAsync(mark);

        var response = await FormPosting.PostFormAsync(_operatorClient, "/Import/Tracking?handler=Apply", carried);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await _factory.SingleRowAsync(mark, OperationKind.CsvImported, _operator.Id, TikTokSyncWebFactory.OperatorEmail);
        Assert.Equal("伝票番号CSV「出荷実績.csv」を取込（1件反映）", row.Summary);
        Assert.Equal(
            ["ファイル: 出荷実績.csv", "形式: 汎用（注文ID,配送業者,伝票番号,出荷日）（文字コード: UTF-8）", "反映: 1件", "エラーのため反映しなかった行: 1件", $"{good.Number}: ヤマト運輸 123456789013 出荷日 {Today}"],
            row.DetailLines());
        Assert.Equal([good], row.TouchedOrders());
        Assert.Equal($"/Orders/{good.Id}", row.TargetUrl);
    }

    [Fact]
    public async Task TrackingCsvConfirm_NoValidLine_WritesNoRow()
    {
        var file = Encoding.UTF8.GetBytes("注文ID,配送業者,伝票番号,出荷日\n576199999999999998,ヤマト運輸,100000000004,\n");
        var mark = await _factory.MarkAsync();
        var before = await _factory.SnapshotAsync();

        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, "/Import/Tracking?handler=Apply", Fields(
            ("UploadToken", await PreviewTrackingCsvAsync(file, "bad.csv")),
            ("Format", nameof(TrackingCsvFormat.Generic)),
            ("FileEncoding", nameof(TrackingCsvEncoding.Utf8)))), HttpStatusCode.Redirect, "0件の伝票番号を反映しました。", mark, before);
        await _factory.AssertRefusedAsync(_operatorClient, await FormPosting.PostFormAsync(_operatorClient, "/Import/Tracking?handler=Apply", Fields(("UploadToken", "no-such-upload"))),
            HttpStatusCode.OK, "アップロードしたファイルが見つかりません。もう一度ファイルを選択してプレビューしてください。", mark, before);
    }

    /// <summary>プレビュー as the browser sends it; returns the token the page carries to 確定 and the error download.</summary>
    private async Task<string> PreviewTrackingCsvAsync(byte[] file, string fileName)
    {
        using var upload = new MultipartFormDataContent();
        upload.Add(new StringContent(await FormPosting.GetAntiforgeryTokenAsync(_operatorClient, "/Import/Tracking")), "__RequestVerificationToken");
        upload.Add(new StringContent(nameof(TrackingCsvFormat.Auto)), "Format");
        upload.Add(new StringContent(nameof(TrackingCsvEncoding.Auto)), "FileEncoding");
        upload.Add(new ByteArrayContent(file), "Upload", fileName);
        var preview = await _operatorClient.PostAsync("/Import/Tracking?handler=Preview", upload);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var token = System.Text.RegularExpressions.Regex.Match(await preview.Content.ReadAsStringAsync(), "name=\"UploadToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the preview carries no upload token");
        return token;
    }
}
