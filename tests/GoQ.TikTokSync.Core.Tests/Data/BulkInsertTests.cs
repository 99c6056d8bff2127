using System.Data.Common;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Testing.Stores;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GoQ.TikTokSync.Core.Tests.Data;

/// <summary>
/// <see cref="BulkInsert"/> writes rows without EF, so it must write exactly what EF writes: same columns, same stored
/// representation (a Guid as text or uuid, a time as the same text or timestamptz, an enum by name), nulls as nulls.
/// Every mapped property is filled by reflection, so a property added to an entity is covered without touching this test.
/// </summary>
public sealed class BulkInsertTests
{
    private static readonly DateTime SampleTime = new(2026, 11, 3, 4, 5, 6, 789, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task InsertAsync_OrdersWithEveryColumnFilled_StoreTheSameValuesAsEf(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using var db = store.CreateContext();
        var shop = await TestShops.SavedAsync(db, "1号店");

        var viaEf = Filled(db, new Order(), shop.Id, "EF-1");
        viaEf.Lines.Add(Filled(db, new OrderLine(), orderId: 0, "EF-L1"));
        viaEf.History.Add(Filled(db, new OrderHistoryEntry(), orderId: 0, null));
        db.Orders.Add(viaEf);
        await db.SaveChangesAsync();

        var viaBulk = Filled(db, new Order(), shop.Id, "BULK-1");
        await WriteInOneTransactionAsync(db, viaBulk, Filled(db, new OrderLine(), orderId: 0, "BULK-L1"), Filled(db, new OrderHistoryEntry(), orderId: 0, null));

        await AssertSameRowsAsync(db, "Orders", viaEf.Id, viaBulk.Id, "Id", "TikTokOrderId");
        await AssertSameRowsAsync(db, "OrderLines", viaEf.Id, viaBulk.Id, "Id", "OrderId", "TikTokLineItemId");
        await AssertSameRowsAsync(db, "OrderHistory", viaEf.Id, viaBulk.Id, "Id", "OrderId");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task InsertAsync_OrdersWithOnlyRequiredColumns_StoreNullsAsEfDoes(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using var db = store.CreateContext();
        var shop = await TestShops.SavedAsync(db, "1号店");
        var viaEf = Bare(shop.Id, "EF-1");
        db.Orders.Add(viaEf);
        await db.SaveChangesAsync();

        var viaBulk = Bare(shop.Id, "BULK-1");
        await WriteInOneTransactionAsync(db, viaBulk, line: null, history: null);

        await AssertSameRowsAsync(db, "Orders", viaEf.Id, viaBulk.Id, "Id", "TikTokOrderId", "Version");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task InsertReadingKeysAsync_ManyOrders_SetsEachOrderItsOwnKey(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using var db = store.CreateContext();
        var shop = await TestShops.SavedAsync(db, "1号店");
        // Ids in an order the store would not sort them in, so a key matched by position rather than by order id shows.
        var orders = Enumerable.Range(0, 250).Select(i => Bare(shop.Id, ((i * 7919) % 1000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture))).ToList();
        orders.ForEach(o => o.RecipientName = "購入者" + o.TikTokOrderId);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await new BulkInsert(db).InsertReadingKeysAsync(orders, o => o.TikTokOrderId, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var stored = await db.Orders.AsNoTracking().ToDictionaryAsync(o => o.Id);
        Assert.Equal(250, stored.Count);
        Assert.All(orders, o => Assert.Equal(o.TikTokOrderId, stored[o.Id].TikTokOrderId));
        Assert.All(stored.Values, o => Assert.Equal("購入者" + o.TikTokOrderId, o.RecipientName));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task InsertAsync_RolledBackTransaction_LeavesNoRows(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using var db = store.CreateContext();
        var shop = await TestShops.SavedAsync(db, "1号店");

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await new BulkInsert(db).InsertReadingKeysAsync([Bare(shop.Id, "1"), Bare(shop.Id, "2")], o => o.TikTokOrderId, CancellationToken.None);
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await db.Orders.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task InsertAsync_OrderAlreadyStored_FailsWithTheStoresUniqueViolation(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using var db = store.CreateContext();
        var shop = await TestShops.SavedAsync(db, "1号店");
        db.Orders.Add(Bare(shop.Id, "576461413038785752"));
        await db.SaveChangesAsync();

        await using var transaction = await db.Database.BeginTransactionAsync();
        await Assert.ThrowsAnyAsync<DbException>(() =>
            new BulkInsert(db).InsertReadingKeysAsync([Bare(shop.Id, "576461413038785752")], o => o.TikTokOrderId, CancellationToken.None));
    }

    private static async Task WriteInOneTransactionAsync(TikTokSyncDbContext db, Order order, OrderLine? line, OrderHistoryEntry? history)
    {
        var bulk = new BulkInsert(db);
        var logEntryId = await LogEntryIdAsync(db);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await bulk.InsertReadingKeysAsync([order], o => o.TikTokOrderId, CancellationToken.None);
        if (line is not null)
        {
            line.OrderId = order.Id;
            await bulk.InsertAsync([line], CancellationToken.None);
        }

        if (history is not null)
        {
            history.OrderId = order.Id;
            await bulk.InsertAsync([history], CancellationToken.None);
        }

        await bulk.InsertAsync([new ProcessingLogItem { ProcessingLogEntryId = logEntryId, TikTokOrderId = order.TikTokOrderId, Outcome = ProcessingItemOutcome.Created }], CancellationToken.None);
        await transaction.CommitAsync();
    }

    private static async Task<long> LogEntryIdAsync(TikTokSyncDbContext db)
    {
        var entry = new ProcessingLogEntry { MallConnectionId = await db.MallConnections.Select(c => c.Id).FirstAsync(), StartedAtUtc = SampleTime };
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }

    private static Order Bare(int mallConnectionId, string tikTokOrderId) => new()
    {
        MallConnectionId = mallConnectionId,
        TikTokOrderId = tikTokOrderId,
        TikTokStatus = TikTokOrderStatus.AwaitingShipment,
        Currency = "JPY",
        OrderedAtUtc = SampleTime,
        TikTokUpdatedAtUtc = SampleTime,
    };

    /// <summary>Sets every mapped column of <paramref name="entity"/> to a non-default value of its type.</summary>
    private static T Filled<T>(TikTokSyncDbContext db, T entity, long orderId, string? naturalKey)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T))!;
        foreach (var property in entityType.GetProperties().Where(p => !p.IsPrimaryKey() && p.PropertyInfo is { CanWrite: true }))
        {
            property.PropertyInfo!.SetValue(entity, SampleValue(property));
        }

        switch (entity)
        {
            case Order order:
                order.MallConnectionId = (int)orderId;
                order.TikTokOrderId = naturalKey!;
                break;
            case OrderLine line:
                line.TikTokLineItemId = naturalKey!;
                break;
        }

        return entity;
    }

    private static object SampleValue(IProperty property)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        var text = "値" + property.Name;
        return type switch
        {
            _ when type == typeof(string) => text[..Math.Min(text.Length, property.GetMaxLength() ?? text.Length)],
            _ when type == typeof(int) => 7,
            _ when type == typeof(long) => 8L,
            _ when type == typeof(decimal) => 1234.5m,
            _ when type == typeof(double) => 2.25d,
            _ when type == typeof(bool) => true,
            _ when type == typeof(DateTime) => SampleTime,
            _ when type == typeof(DateOnly) => new DateOnly(2026, 11, 4),
            _ when type == typeof(Guid) => Guid.Parse("5f0c7a52-86f4-4f7e-9d0e-0a7b0f4f2b11"),
            _ when type == typeof(TikTokOrderStatus) => TikTokOrderStatus.AwaitingCollection,
            _ when type.IsEnum => Enum.GetValues(type).Cast<object>().Last(),
            _ => throw new NotSupportedException($"No sample value for {property.DeclaringType.ClrType.Name}.{property.Name} ({type.Name}); add one."),
        };
    }

    /// <summary>Compares the two rows column by column as the store holds them (raw values and their runtime types).</summary>
    private static async Task AssertSameRowsAsync(TikTokSyncDbContext db, string table, long efOrderId, long bulkOrderId, params string[] ignored)
    {
        var keyColumn = table == "Orders" ? "Id" : "OrderId";
        var ef = await RawRowAsync(db, table, keyColumn, efOrderId);
        var bulk = await RawRowAsync(db, table, keyColumn, bulkOrderId);
        Assert.Equal(ef.Keys.Order(), bulk.Keys.Order());
        foreach (var column in ef.Keys.Except(ignored))
        {
            var expected = ef[column];
            var actual = bulk[column];
            Assert.True(Equals(expected, actual) || (expected is byte[] a && actual is byte[] b && a.SequenceEqual(b)),
                $"{table}.{column}: EF stored {Describe(expected)}, the bulk insert stored {Describe(actual)}");
        }
    }

    private static string Describe(object? value) => value is null ? "NULL" : $"{value} ({value.GetType().Name})";

    private static async Task<Dictionary<string, object?>> RawRowAsync(TikTokSyncDbContext db, string table, string keyColumn, long key)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT * FROM "{table}" WHERE "{keyColumn}" = {key}""";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), $"{table}: no row for {keyColumn} {key}");
            return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
