using System.Diagnostics;
using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.OperationHistory.Search;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Retention.Purge;
using GoQ.TikTokSync.Migrations.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Benchmarks;

/// <summary>
/// operation-history [rows]: 操作履歴 with a large history (default 1 000 000 rows over two years, 1–3 orders each, 20 users)
/// in SQLite: the screen's queries (first page with the total, a deep page, each filter), the CSV of every row (streamed),
/// and the daily purge at the default 365 days — through the same Core queries the page and the job use.
/// </summary>
internal static class OperationHistoryScenario
{
    public const string Name = "operation-history";

    private const int Users = 20;

    public static async Task RunAsync(int rows, int iterations)
    {
        var folder = Path.Combine(Path.GetTempPath(), "goq-bench-history-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connectionString = SqliteStoreSetup.SqliteConnectionString(Path.Combine(folder, "history.db"));
        var builder = new DbContextOptionsBuilder<TikTokSyncDbContext>();
        builder.UseSqliteStore(connectionString);
        var options = builder.Options;
        await using (var db = new TikTokSyncDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        var now = DateTime.UtcNow;
        var fill = Stopwatch.StartNew();
        var orderLinks = await FillAsync(connectionString, rows, now);
        fill.Stop();

        var results = new List<(string Metric, string Value)>
        {
            ("fill time (s)", fill.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)),
            ("order links", orderLinks.ToString("N0", CultureInfo.InvariantCulture)),
        };

        var filters = new (string Label, OperationHistoryFilter Filter, int Page)[]
        {
            ("first page, no filter", new OperationHistoryFilter(null, null, null, null, null), 1),
            ("page 5000, no filter", new OperationHistoryFilter(null, null, null, null, null), 5000),
            ("user", new OperationHistoryFilter("user-7", null, null, null, null), 1),
            ("kind ステータス移動", new OperationHistoryFilter(null, OperationKind.StatusMoved, null, null, null), 1),
            ("one JST day", new OperationHistoryFilter(null, null, DateOnly.FromDateTime(now.AddDays(-100)), DateOnly.FromDateTime(now.AddDays(-100)), null), 1),
            ("order number", new OperationHistoryFilter(null, null, null, null, OrderNumber(rows / 2)), 1),
            ("user + kind + 30 days", new OperationHistoryFilter("user-3", OperationKind.ShippingEdited, DateOnly.FromDateTime(now.AddDays(-30)), DateOnly.FromDateTime(now), null), 1),
        };
        foreach (var (label, filter, page) in filters)
        {
            var samples = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                await using var db = new TikTokSyncDbContext(options);
                var stopwatch = Stopwatch.StartNew();
                await LoadPageAsync(db, filter, page);
                samples.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            results.Add(($"screen: {label} p50 / p95 (ms)", $"{OrderListScenario.Format(OrderListScenario.Percentile(samples, 50))} / {OrderListScenario.Format(OrderListScenario.Percentile(samples, 95))}"));
        }

        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var before = process.WorkingSet64;
        var csvTime = Stopwatch.StartNew();
        var peakDuringCsv = before;
        var counting = new CountingStream();
        int written;
        await using (var db = new TikTokSyncDbContext(options))
        using (var sampler = new Timer(_ =>
               {
                   process.Refresh();
                   peakDuringCsv = Math.Max(peakDuringCsv, process.WorkingSet64);
               }, null, 0, 50))
        {
            var csvRows = OperationHistoryCsv.Rows(OperationHistoryQuery.Apply(db, new OperationHistoryFilter(null, null, null, null, null)).NewestFirst());
            written = await OperationHistoryCsv.WriteAsync(csvRows.AsAsyncEnumerable(), counting, CancellationToken.None);
        }

        csvTime.Stop();
        results.Add(("CSV: rows written", written.ToString("N0", CultureInfo.InvariantCulture)));
        results.Add(("CSV: size (MiB)", (counting.Length / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture)));
        results.Add(("CSV: time (s)", csvTime.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)));
        results.Add(("CSV: rows/s", (written / csvTime.Elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture)));
        results.Add(("CSV: working set before → peak (MiB)", $"{before / 1024 / 1024} → {peakDuringCsv / 1024 / 1024}"));

        var purgeTime = Stopwatch.StartNew();
        int purged;
        await using (var db = new TikTokSyncDbContext(options))
        {
            var retention = new RetentionPolicy(db, Options.Create(new OperationHistoryOptions()), Options.Create(new ProcessingLogOptions()));
            purged = await new OperationHistoryPurgeJob(db, retention, new OperationHistoryRecorder(db, new NoRequestActor(), TimeProvider.System), TimeProvider.System).RunAsync(CancellationToken.None);
        }

        purgeTime.Stop();
        results.Add(("purge at 365 days: rows deleted", purged.ToString("N0", CultureInfo.InvariantCulture)));
        results.Add(("purge: time (s)", purgeTime.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)));

        ImportScenarios.PrintTable($"{Name}: {rows:N0} rows over 730 days in SQLite, {iterations} requests per screen query", [.. results]);
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>What 操作履歴's GET does: the user list, the total, one page of 100 and the orders of those rows.</summary>
    private static async Task LoadPageAsync(TikTokSyncDbContext db, OperationHistoryFilter filter, int page)
    {
        await OperationHistoryQuery.UsersAsync(db, CancellationToken.None);
        var query = OperationHistoryQuery.Apply(db, filter);
        var total = await query.CountAsync();
        var pages = Math.Max(1, (total + OperationHistoryQuery.PageSize - 1) / OperationHistoryQuery.PageSize);
        var entries = await query.NewestFirst()
            .Skip((Math.Min(page, pages) - 1) * OperationHistoryQuery.PageSize)
            .Take(OperationHistoryQuery.PageSize)
            .ToListAsync();
        await OperationHistoryQuery.OrdersOfAsync(db, entries.Select(e => e.Id).ToList(), CancellationToken.None);
    }

    private static string OrderNumber(long order) => (576_000_000_000_000_000L + order).ToString(CultureInfo.InvariantCulture);

    /// <summary>Raw inserts in one transaction (EF would spend minutes writing a million rows; the benchmark is about reading).</summary>
    private static async Task<long> FillAsync(string connectionString, int rows, DateTime now)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var entry = connection.CreateCommand();
        entry.Transaction = transaction;
        entry.CommandText = """
            INSERT INTO OperationHistory (Id, OccurredAtUtc, UserId, UserName, IpAddress, Kind, Summary, Details, TargetUrl)
            VALUES ($id, $at, $user, $name, '192.0.2.10', $kind, $summary, $details, $url)
            """;
        var id = entry.Parameters.Add("$id", SqliteType.Integer);
        var at = entry.Parameters.Add("$at", SqliteType.Text);
        var user = entry.Parameters.Add("$user", SqliteType.Text);
        var name = entry.Parameters.Add("$name", SqliteType.Text);
        var kind = entry.Parameters.Add("$kind", SqliteType.Text);
        var summary = entry.Parameters.Add("$summary", SqliteType.Text);
        var details = entry.Parameters.Add("$details", SqliteType.Text);
        var url = entry.Parameters.Add("$url", SqliteType.Text);
        await using var link = connection.CreateCommand();
        link.Transaction = transaction;
        link.CommandText = "INSERT INTO OperationHistoryOrders (OperationHistoryEntryId, OrderId, OrderNumber) VALUES ($entry, $order, $number)";
        var linkEntry = link.Parameters.Add("$entry", SqliteType.Integer);
        var linkOrder = link.Parameters.Add("$order", SqliteType.Integer);
        var linkNumber = link.Parameters.Add("$number", SqliteType.Text);

        await using (var staff = connection.CreateCommand())
        {
            staff.Transaction = transaction;
            staff.CommandText = """
                INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PhoneNumberConfirmed,
                    TwoFactorEnabled, LockoutEnabled, AccessFailedCount, DisplayName, CreatedAtUtc, MustChangePassword)
                VALUES ($id, $email, upper($email), $email, upper($email), 1, 0, 0, 1, 0, $email, '2025-01-01 00:00:00', 0)
                """;
            var staffId = staff.Parameters.Add("$id", SqliteType.Text);
            var staffEmail = staff.Parameters.Add("$email", SqliteType.Text);
            for (var u = 0; u < Users; u++)
            {
                staffId.Value = $"user-{u}";
                staffEmail.Value = $"staff{u}@example.jp";
                await staff.ExecuteNonQueryAsync();
            }
        }

        var kinds = Enum.GetValues<OperationKind>();
        var random = new Random(11);
        var start = now.AddDays(-730);
        var step = TimeSpan.FromDays(730).Ticks / rows;
        long links = 0;
        for (var i = 1; i <= rows; i++)
        {
            var userNumber = random.Next(Users);
            var order = i;
            id.Value = i;
            at.Value = start.AddTicks(step * i).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            user.Value = $"user-{userNumber}";
            name.Value = $"staff{userNumber}@example.jp";
            kind.Value = kinds[random.Next(kinds.Length)].ToString();
            summary.Value = "受注 1件を 保留 に移動";
            details.Value = $"新規受付 → 保留: 1件（{OrderNumber(order)}）";
            url.Value = $"/Orders/{order}";
            await entry.ExecuteNonQueryAsync();
            for (var j = 0; j < 1 + (i % 3); j++)
            {
                linkEntry.Value = i;
                linkOrder.Value = order + j;
                linkNumber.Value = OrderNumber(order + j);
                await link.ExecuteNonQueryAsync();
                links++;
            }
        }

        await transaction.CommitAsync();
        return links;
    }

    /// <summary>Counts what the CSV writer produces without keeping it: the figure is the writer's memory, not a buffer's.</summary>
    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        private long _length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class NoRequestActor : IOperationActorSource
    {
        public OperationActor Current => throw new InvalidOperationException("The purge names its own actor.");
    }
}
