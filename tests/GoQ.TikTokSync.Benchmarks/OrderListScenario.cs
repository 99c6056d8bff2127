using System.Diagnostics;
using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Orders.ListOrders;
using GoQ.TikTokSync.Core.Orders.StatusTallies;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace GoQ.TikTokSync.Benchmarks;

/// <summary>
/// order-list [orders]: 受注一覧's first page with all its tab counts, measured through the page model the app uses, on
/// SQLite or PostgreSQL. It measures at 100 000 orders and again at the full count, side by side, to show whether the
/// time grows with the store.
/// </summary>
internal static class OrderListScenario
{
    public const string Name = "order-list";

    private const int SmallStore = 100_000;

    private sealed record Figures(int Orders, double FillSeconds, List<double> FirstPage, List<double> Counts, List<double> DeadlinePage, List<double> DeadlineCounts);

    public static async Task RunAsync(int orders, int iterations, BenchmarkOptions options)
    {
        await using var store = await TestStore.CreateAsync(options.Store);
        int connectionId;
        await using (var db = store.CreateContext())
        {
            await db.Database.MigrateAsync();
            var connection = new MallConnection { DisplayName = "ベンチマーク店" };
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
            connectionId = connection.Id;
        }

        var results = new List<Figures>();
        var filled = 0;
        foreach (var size in orders > SmallStore ? new[] { SmallStore, orders } : [orders])
        {
            var fill = Stopwatch.StartNew();
            await FillAsync(store, connectionId, filled, size - filled);
            filled = size;
            await PrepareAsync(store);
            fill.Stop();
            results.Add(await MeasureAsync(store, size, fill.Elapsed.TotalSeconds, iterations));
        }

        var rows = new List<(string Metric, string Value)>();
        void Row(string metric, Func<Figures, string> value) => rows.Add((metric, string.Join(" / ", results.Select(value))));
        Row("orders", f => f.Orders.ToString("N0", CultureInfo.InvariantCulture));
        Row("fill + tally repair (s)", f => f.FillSeconds.ToString("F1", CultureInfo.InvariantCulture));
        Row("受注一覧 first page incl. tab counts p50 (ms)", f => Format(Percentile(f.FirstPage, 50)));
        Row("受注一覧 first page incl. tab counts p95 (ms)", f => Format(Percentile(f.FirstPage, 95)));
        Row("tab counts alone p50 (ms)", f => Format(Percentile(f.Counts, 50)));
        Row("tab counts alone p95 (ms)", f => Format(Percentile(f.Counts, 95)));
        Row("期限が近い first page p95 (ms)", f => Format(Percentile(f.DeadlinePage, 95)));
        Row("home 発送期限 counts p95 (ms)", f => Format(Percentile(f.DeadlineCounts, 95)));
        ImportScenarios.PrintTable(
            $"order-list on {options.Store}: {string.Join(" / ", results.Select(r => r.Orders.ToString("N0", CultureInfo.InvariantCulture)))} orders, {iterations} requests each (tabs 新規受付, 発送前入金待ち, 発送待ち, 全て in turn)",
            [.. rows]);

        var largest = results[^1];
        await options.WriteJsonAsync(new Dictionary<string, double>
        {
            ["list_orders"] = largest.Orders,
            ["list_p95_ms"] = Percentile(largest.FirstPage, 95),
            ["list_counts_p95_ms"] = Percentile(largest.Counts, 95),
            ["list_small_store_p95_ms"] = Percentile(results[0].FirstPage, 95),
        });
    }

    private static async Task<Figures> MeasureAsync(TestStore store, int orders, double fillSeconds, int iterations)
    {
        var firstPage = new List<double>();
        var counts = new List<double>();
        var deadlinePage = new List<double>();
        var deadlineCounts = new List<double>();
        GoqOrderStatus?[] tabs = [GoqOrderStatus.NewOrder, GoqOrderStatus.AwaitingPaymentBeforeShipment, GoqOrderStatus.AwaitingShipment, null];
        for (var i = 0; i < iterations; i++)
        {
            await using var db = store.CreateContext();
            var page = NewListPage(db);
            page.Status = tabs[i % tabs.Length];
            var stopwatch = Stopwatch.StartNew();
            await page.OnGetAsync(CancellationToken.None);
            stopwatch.Stop();
            firstPage.Add(stopwatch.Elapsed.TotalMilliseconds);

            stopwatch.Restart();
            await OrderStatusCounts.LoadAsync(db, CancellationToken.None);
            stopwatch.Stop();
            counts.Add(stopwatch.Elapsed.TotalMilliseconds);

            var deadline = NewListPage(db);
            deadline.Deadline = ShipDeadline.FilterSoon;
            stopwatch.Restart();
            await deadline.OnGetAsync(CancellationToken.None);
            stopwatch.Stop();
            deadlinePage.Add(stopwatch.Elapsed.TotalMilliseconds);

            stopwatch.Restart();
            await ShipDeadline.CountPerConnectionAsync(db.Orders.AsNoTracking(), TimeProvider.System.GetUtcNow(), CancellationToken.None);
            stopwatch.Stop();
            deadlineCounts.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return new Figures(orders, fillSeconds, firstPage, counts, deadlinePage, deadlineCounts);
    }

    private static Web.Pages.Orders.IndexModel NewListPage(TikTokSyncDbContext db) =>
        new(new OrderList(db, TimeProvider.System));

    /// <summary>
    /// Rows written behind EF's back are tallied the way the daily repair (and the migration, for older stores) does;
    /// PostgreSQL gets the statistics its autovacuum would gather after a bulk load.
    /// </summary>
    private static async Task PrepareAsync(TestStore store)
    {
        await using var db = store.CreateContext();
        await new OrderStatusTallyUpkeep(db, NullLogger<OrderStatusTallyUpkeep>.Instance).RepairAsync(CancellationToken.None);
        if (store.Provider == DatabaseProvider.PostgreSql)
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
    }

    internal static string Format(double milliseconds) => milliseconds.ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>The nearest-rank percentile of request times in milliseconds.</summary>
    internal static double Percentile(List<double> samples, int percentile)
    {
        var sorted = samples.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private sealed record SeedOrder(string Id, string Status, DateTime At, DateTime ShipBy, string Phone);

    /// <summary>A year of orders, most of them processed; the working tabs hold a few thousand, as in a real shop.</summary>
    private static IEnumerable<SeedOrder> Seed(int from, int count)
    {
        var start = DateTime.UtcNow.Date.AddDays(-365);
        var random = new Random(7 + from);
        var statuses = GoqOrderStatuses.All;
        for (var i = from; i < from + count; i++)
        {
            var status = random.Next(100) < 97 ? GoqOrderStatus.Processed : statuses[random.Next(statuses.Count)];
            // Spread over the year whatever the count; TikTok gives a few days to ship, so the newest deadlines are near or past.
            var at = start.AddSeconds(i * (365.0 * 86_400 / 1_000_000));
            yield return new SeedOrder(
                (576_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture), status.ToString(), at, at.AddDays(3),
                "080" + (10_000_000 + i).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Raw bulk inserts: the benchmark is about reading, and EF would take minutes to write a million rows.</summary>
    private static Task FillAsync(TestStore store, int connectionId, int from, int count) =>
        store.Provider == DatabaseProvider.PostgreSql
            ? FillPostgreSqlAsync(store.ConnectionString, connectionId, from, count)
            : FillSqliteAsync(store.ConnectionString, connectionId, from, count);

    private static async Task FillSqliteAsync(string connectionString, int connectionId, int from, int count)
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
            VALUES ($connection, $id, 'AWAITING_SHIPMENT', $status, 0, 0, 0, $at, $at, $shipBy, '山田 太郎', $phone, 'JPY', '3000', '0', '0', '0', '3000', 'NotReady', $at, $at, $version)
            """;
        command.Parameters.AddWithValue("$connection", connectionId);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var status = command.Parameters.Add("$status", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Text);
        var shipBy = command.Parameters.Add("$shipBy", SqliteType.Text);
        var phone = command.Parameters.Add("$phone", SqliteType.Text);
        var version = command.Parameters.Add("$version", SqliteType.Text);
        foreach (var order in Seed(from, count))
        {
            id.Value = order.Id;
            status.Value = order.Status;
            at.Value = order.At.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            shipBy.Value = order.ShipBy.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            phone.Value = order.Phone;
            version.Value = Guid.NewGuid().ToString().ToUpperInvariant();
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static async Task FillPostgreSqlAsync(string connectionString, int connectionId, int from, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var importer = await connection.BeginBinaryImportAsync("""
            COPY "Orders" ("MallConnectionId", "TikTokOrderId", "TikTokStatus", "GoqStatus", "IsOnHold", "IsCancelledOnTikTok", "CancellationAcknowledged",
                "OrderedAtUtc", "TikTokUpdatedAtUtc", "ShipByUtc", "RecipientName", "PhoneDigits", "Currency", "SubTotal", "ShippingFee", "SellerDiscount",
                "PlatformDiscount", "TotalAmount", "ShipmentPushState", "ImportedAtUtc", "UpdatedAtUtc", "Version") FROM STDIN (FORMAT BINARY)
            """);
        foreach (var order in Seed(from, count))
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(connectionId, NpgsqlDbType.Integer);
            await importer.WriteAsync(order.Id, NpgsqlDbType.Varchar);
            await importer.WriteAsync("AWAITING_SHIPMENT", NpgsqlDbType.Varchar);
            await importer.WriteAsync(order.Status, NpgsqlDbType.Varchar);
            await importer.WriteAsync(false, NpgsqlDbType.Boolean);
            await importer.WriteAsync(false, NpgsqlDbType.Boolean);
            await importer.WriteAsync(false, NpgsqlDbType.Boolean);
            await importer.WriteAsync(order.At, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(order.At, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(order.ShipBy, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync("山田 太郎", NpgsqlDbType.Varchar);
            await importer.WriteAsync(order.Phone, NpgsqlDbType.Varchar);
            await importer.WriteAsync("JPY", NpgsqlDbType.Varchar);
            await importer.WriteAsync(3000m, NpgsqlDbType.Numeric);
            await importer.WriteAsync(0m, NpgsqlDbType.Numeric);
            await importer.WriteAsync(0m, NpgsqlDbType.Numeric);
            await importer.WriteAsync(0m, NpgsqlDbType.Numeric);
            await importer.WriteAsync(3000m, NpgsqlDbType.Numeric);
            await importer.WriteAsync("NotReady", NpgsqlDbType.Varchar);
            await importer.WriteAsync(order.At, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(order.At, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
        }

        await importer.CompleteAsync();
    }
}
