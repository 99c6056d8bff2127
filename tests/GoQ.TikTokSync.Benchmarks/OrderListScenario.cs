using System.Diagnostics;
using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Benchmarks;

/// <summary>
/// order-list [orders]: 受注一覧's first page and its tab counts with a large store (default 1 000 000 orders in SQLite),
/// measured through the page model the app uses.
/// </summary>
internal static class OrderListScenario
{
    public static async Task RunAsync(int orders, int iterations)
    {
        var folder = Path.Combine(Path.GetTempPath(), "goq-bench-list-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connectionString = StoreProviderSetup.SqliteConnectionString(Path.Combine(folder, "list.db"));
        var options = new DbContextOptionsBuilder<TikTokSyncDbContext>();
        options.UseSqliteStore(connectionString);

        await using (var db = new TikTokSyncDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
            db.MallConnections.Add(new MallConnection { DisplayName = "ベンチマーク店" });
            await db.SaveChangesAsync();
        }

        var fill = Stopwatch.StartNew();
        await FillAsync(connectionString, orders);
        fill.Stop();

        var firstPage = new List<double>();
        var counts = new List<double>();
        var deadlinePage = new List<double>();
        var deadlineCounts = new List<double>();
        var statuses = GoqOrderStatuses.All;
        for (var i = 0; i < iterations; i++)
        {
            await using var db = new TikTokSyncDbContext(options.Options);
            var page = new Web.Pages.Orders.IndexModel(db, new Core.OperationHistory.OperationHistoryRecorder(db, ReadOnlyActor.Instance, TimeProvider.System), TimeProvider.System) { Status = statuses[i % 3] };
            var stopwatch = Stopwatch.StartNew();
            await page.OnGetAsync(CancellationToken.None);
            stopwatch.Stop();
            firstPage.Add(stopwatch.Elapsed.TotalMilliseconds);

            stopwatch.Restart();
            await Web.Pages.Orders.OrderStatusCounts.LoadAsync(db, CancellationToken.None);
            stopwatch.Stop();
            counts.Add(stopwatch.Elapsed.TotalMilliseconds);

            var deadline = new Web.Pages.Orders.IndexModel(db, new Core.OperationHistory.OperationHistoryRecorder(db, ReadOnlyActor.Instance, TimeProvider.System), TimeProvider.System) { Deadline = ShipDeadline.FilterSoon };
            stopwatch.Restart();
            await deadline.OnGetAsync(CancellationToken.None);
            stopwatch.Stop();
            deadlinePage.Add(stopwatch.Elapsed.TotalMilliseconds);

            stopwatch.Restart();
            await ShipDeadline.CountPerConnectionAsync(db.Orders.AsNoTracking(), TimeProvider.System.GetUtcNow(), CancellationToken.None);
            stopwatch.Stop();
            deadlineCounts.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        ImportScenarios.PrintTable(
            $"order-list: {orders:N0} orders in SQLite, {iterations} requests",
            [
                ("fill time (s)", fill.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)),
                ("受注一覧 first page incl. tab counts p50 (ms)", Percentile(firstPage, 50)),
                ("受注一覧 first page incl. tab counts p95 (ms)", Percentile(firstPage, 95)),
                ("tab counts alone p50 (ms)", Percentile(counts, 50)),
                ("tab counts alone p95 (ms)", Percentile(counts, 95)),
                ("期限が近い first page p50 (ms)", Percentile(deadlinePage, 50)),
                ("期限が近い first page p95 (ms)", Percentile(deadlinePage, 95)),
                ("home 発送期限 counts p50 (ms)", Percentile(deadlineCounts, 50)),
                ("home 発送期限 counts p95 (ms)", Percentile(deadlineCounts, 95)),
            ]);

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The nearest-rank percentile of request times in milliseconds, formatted for the table.</summary>
    internal static string Percentile(List<double> samples, int percentile)
    {
        var sorted = samples.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)].ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <summary>Raw inserts in one transaction: the benchmark is about reading, and EF would take minutes to write a million rows.</summary>
    private static async Task FillAsync(string connectionString, int orders)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO Orders (MallConnectionId, TikTokOrderId, TikTokStatus, GoqStatus, IsOnHold, IsCancelledOnTikTok, CancellationAcknowledged,
                OrderedAtUtc, TikTokUpdatedAtUtc, ShipByUtc, RecipientName, PhoneDigits, Currency, SubTotal, ShippingFee, SellerDiscount, PlatformDiscount,
                TotalAmount, ShipmentPushState, ImportedAtUtc, UpdatedAtUtc, Version)
            VALUES (1, $id, 'AWAITING_SHIPMENT', $status, 0, 0, 0, $at, $at, $shipBy, $name, $phone, 'JPY', '3000', '0', '0', '0', '3000', 'NotReady', $at, $at, $version)
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var status = command.Parameters.Add("$status", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Text);
        var shipBy = command.Parameters.Add("$shipBy", SqliteType.Text);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var phone = command.Parameters.Add("$phone", SqliteType.Text);
        var version = command.Parameters.Add("$version", SqliteType.Text);
        var start = DateTime.UtcNow.AddDays(-365);
        var random = new Random(7);
        var statuses = GoqOrderStatuses.All;
        for (var i = 0; i < orders; i++)
        {
            id.Value = (576_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
            // Most orders are processed; the working tabs hold a few thousand, as in a real shop.
            status.Value = (random.Next(100) < 97 ? GoqOrderStatus.Processed : statuses[random.Next(statuses.Count)]).ToString();
            at.Value = start.AddSeconds(i * 31.5).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            // TikTok gives a few days to ship, so the newest orders' deadlines are near or just past.
            shipBy.Value = start.AddSeconds(i * 31.5).AddDays(3).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            name.Value = "山田 太郎";
            phone.Value = "080" + (10_000_000 + i).ToString(CultureInfo.InvariantCulture);
            version.Value = Guid.NewGuid().ToString().ToUpperInvariant();
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>The list is only read here; an action would be recorded under this name.</summary>
    private sealed class ReadOnlyActor : Core.OperationHistory.IOperationActorSource
    {
        public static readonly ReadOnlyActor Instance = new();

        public Core.OperationHistory.OperationActor Current { get; } = new(null, "benchmark", null);
    }
}
