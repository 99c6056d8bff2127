using System.Text;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Search;
using GoQ.TikTokSync.Core.Tests.Data;
using GoQ.TikTokSync.Migrations.SqlServer;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Tests.OperationHistory.Search;

public sealed class OperationHistoryFilterAndCsvTests
{
    [Theory]
    [InlineData("５７６０００１２３", "576000123")]
    [InlineData("  576000123　", "576000123")]
    [InlineData("576000123", "576000123")]
    [InlineData("　", null)]
    [InlineData(null, null)]
    public void NormalizeOrderNumber_FullWidthAndSpaces_BecomeThePlainNumber(string? typed, string? expected) =>
        Assert.Equal(expected, OperationHistoryFilter.NormalizeOrderNumber(typed));

    [Fact]
    public void TryParse_ValidValues_GivesTheFilter()
    {
        Assert.True(OperationHistoryFilter.TryParse(" u1 ", "statusmoved", "2026-04-01", "２０２６/04/30", "５７６", out var filter, out var errors));

        Assert.Empty(errors);
        Assert.Equal(new OperationHistoryFilter("u1", OperationKind.StatusMoved, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), "576"), filter);
    }

    [Theory]
    [InlineData("2026-13-01", null, "開始日は 2026-04-01 のような日付で指定してください。")]
    [InlineData(null, "昨日", "終了日は 2026-04-01 のような日付で指定してください。")]
    [InlineData("2026-04-02", "2026-04-01", "開始日は終了日と同じか、それより前の日付を指定してください。")]
    public void TryParse_BadDates_GiveAJapaneseMessageAndNoFilter(string? from, string? to, string message)
    {
        Assert.False(OperationHistoryFilter.TryParse(null, null, from, to, null, out var filter, out var errors));

        Assert.Null(filter);
        Assert.Equal([message], errors);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("NoSuchKind")]
    public void TryParse_UnknownKind_GivesAJapaneseMessage(string kind)
    {
        Assert.False(OperationHistoryFilter.TryParse(null, kind, null, null, null, out _, out var errors));

        Assert.Equal(["種別の指定が正しくありません。"], errors);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+81", "\"'+81\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("受注 3件", "\"受注 3件\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData(null, "\"\"")]
    public void Cell_FormulaStart_GetsAnApostropheAndEveryCellIsQuoted(string? value, string expected) =>
        Assert.Equal(expected, OperationHistoryCsv.Cell(value));

    [Fact]
    public void FormatRow_ShowsJstLabelAndKeepsNewlinesInsideTheQuotedDetails()
    {
        var row = new OperationHistoryCsvRow(new DateTime(2026, 3, 31, 15, 0, 5, DateTimeKind.Utc), "admin@example.jp", OperationKind.SettingsSaved,
            "設定を保存", "取得日数: 7 → 14\nApp secret: ******** → ********", null, "/MallSettings/Details/1", "127.0.0.1");

        Assert.Equal(
            "\"2026/04/01 00:00:05\",\"admin@example.jp\",\"設定の保存\",\"設定を保存\",\"取得日数: 7 → 14\nApp secret: ******** → ********\",\"\",\"/MallSettings/Details/1\",\"127.0.0.1\"\r\n",
            OperationHistoryCsv.FormatRow(row));
    }

    [Fact]
    public async Task WriteAsync_StoredRows_WritesBomHeaderAndOrderNumbersNewestFirst()
    {
        await using var store = await TestStore.CreateMigratedAsync();
        await using (var db = store.CreateContext())
        {
            var older = new OperationHistoryEntry { OccurredAtUtc = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), UserName = "a@example.jp", Kind = OperationKind.StatusMoved, Summary = "older" };
            older.Orders.Add(new OperationHistoryOrder { OrderId = 1, OrderNumber = "576000000000000001" });
            older.Orders.Add(new OperationHistoryOrder { OrderId = 2, OrderNumber = "576000000000000002" });
            db.OperationHistory.Add(older);
            db.OperationHistory.Add(new OperationHistoryEntry { OccurredAtUtc = new DateTime(2026, 4, 2, 0, 0, 0, DateTimeKind.Utc), UserName = "b@example.jp", Kind = OperationKind.CsvImported, Summary = "newer" });
            await db.SaveChangesAsync();
        }

        await using var read = store.CreateContext();
        using var output = new MemoryStream();
        var count = await OperationHistoryCsv.WriteAsync(
            OperationHistoryCsv.Rows(OperationHistoryQuery.Apply(read, new OperationHistoryFilter()).NewestFirst()).AsAsyncEnumerable(), output, CancellationToken.None);

        var bytes = output.ToArray();
        Assert.Equal(2, count);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("\"日時(JST)\",\"ユーザー\",\"種別\",\"内容\",\"詳細\",\"受注番号\",\"対象URL\",\"IPアドレス\"", lines[0]);
        Assert.StartsWith("\"2026/04/02 09:00:00\",\"b@example.jp\",\"CSV取込\",\"newer\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"older\",\"\",", lines[2], StringComparison.Ordinal);
        var orderNumbers = lines[2].Split(',')[5].Trim('"').Split(' ').Order(StringComparer.Ordinal);
        Assert.Equal(["576000000000000001", "576000000000000002"], orderNumbers);
        Assert.Equal(string.Empty, lines[3]);
    }

    [Fact]
    public async Task Apply_DateRange_IsJstCalendarDaysAcrossUtcMidnight()
    {
        await using var store = await TestStore.CreateMigratedAsync();
        await using (var db = store.CreateContext())
        {
            // 2026-04-01 00:00 JST is 2026-03-31 15:00 UTC; 2026-04-01 23:59:59 JST is 2026-04-01 14:59:59 UTC.
            foreach (var (utc, summary) in new[]
                     {
                         (new DateTime(2026, 3, 31, 14, 59, 59, DateTimeKind.Utc), "3/31 JST"),
                         (new DateTime(2026, 3, 31, 15, 0, 0, DateTimeKind.Utc), "4/1 00:00 JST"),
                         (new DateTime(2026, 4, 1, 14, 59, 59, DateTimeKind.Utc), "4/1 23:59 JST"),
                         (new DateTime(2026, 4, 1, 15, 0, 0, DateTimeKind.Utc), "4/2 JST"),
                     })
            {
                db.OperationHistory.Add(new OperationHistoryEntry { OccurredAtUtc = utc, UserName = "a@example.jp", Summary = summary });
            }

            await db.SaveChangesAsync();
        }

        await using var read = store.CreateContext();
        var day = new DateOnly(2026, 4, 1);
        var summaries = await OperationHistoryQuery.Apply(read, new OperationHistoryFilter(FromJst: day, ToJst: day)).NewestFirst().Select(e => e.Summary).ToListAsync();

        Assert.Equal(["4/1 23:59 JST", "4/1 00:00 JST"], summaries);
    }

    [Fact]
    public void CsvRows_TranslateForSqlServerToo()
    {
        var options = new DbContextOptionsBuilder<TikTokSyncDbContext>();
        options.UseSqlServerStore("Server=127.0.0.1;Database=unused;Trusted_Connection=True;TrustServerCertificate=True");
        using var db = new TikTokSyncDbContext(options.Options);

        var sql = OperationHistoryCsv.Rows(OperationHistoryQuery.Apply(db, new OperationHistoryFilter("u1", OperationKind.StatusMoved, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 2), "576")).NewestFirst()).ToQueryString();

        Assert.Contains("LEFT JOIN [OperationHistoryOrders]", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY [o].[OccurredAtUtc] DESC, [o].[Id] DESC", sql, StringComparison.Ordinal);
    }

    public static TheoryData<string> Filters => ["none", "user", "kind", "dates", "orderNumber", "all"];

    private static OperationHistoryFilter FilterNamed(string name) => name switch
    {
        "user" => new OperationHistoryFilter(UserId: "u1"),
        "kind" => new OperationHistoryFilter(Kind: OperationKind.StatusMoved),
        "dates" => new OperationHistoryFilter(FromJst: new DateOnly(2026, 4, 1), ToJst: new DateOnly(2026, 4, 2)),
        "orderNumber" => new OperationHistoryFilter(OrderNumber: "576000000000000001"),
        "all" => new OperationHistoryFilter("u1", OperationKind.StatusMoved, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 2), "576000000000000001"),
        _ => new OperationHistoryFilter(),
    };

    /// <summary>
    /// The page query and the CSV query never scan the history table: each filter reads through its index, and only the
    /// handful of rows found by order number are sorted apart from an index.
    /// </summary>
    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Queries_EachFilter_ReadTheHistoryThroughAnIndex(string filterName)
    {
        await using var store = await TestStore.CreateMigratedAsync();
        await using var db = store.CreateContext();
        await db.Database.OpenConnectionAsync();
        var filter = FilterNamed(filterName);
        IQueryable[] queries =
        [
            OperationHistoryQuery.Apply(db, filter).NewestFirst().Skip(100).Take(OperationHistoryQuery.PageSize),
            OperationHistoryCsv.Rows(OperationHistoryQuery.Apply(db, filter).NewestFirst()),
        ];

        foreach (var query in queries)
        {
            using var command = query.CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            var plan = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(3));
                }
            }

            var history = Assert.Single(plan, line => line.StartsWith("SCAN o ", StringComparison.Ordinal) || line.StartsWith("SEARCH o ", StringComparison.Ordinal));
            Assert.True(history.Contains("USING INDEX IX_OperationHistory_", StringComparison.Ordinal) || history.Contains("INTEGER PRIMARY KEY", StringComparison.Ordinal), string.Join("\n", plan));
            Assert.True(filter.OrderNumber is not null || !plan.Any(line => line.Contains("TEMP B-TREE", StringComparison.Ordinal)), string.Join("\n", plan));
            Assert.True(filter.OrderNumber is null || plan.Any(line => line.Contains("IX_OperationHistoryOrders_OrderNumber", StringComparison.Ordinal)), string.Join("\n", plan));
        }
    }
}
