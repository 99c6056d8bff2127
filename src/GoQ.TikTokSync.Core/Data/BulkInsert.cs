using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace GoQ.TikTokSync.Core.Data;

/// <summary>
/// Writes many new rows of one table on the context's connection and current transaction, outside the change tracker.
/// EF Core tracks every row and sends a statement per row through its batching pipeline; for an import of tens of
/// thousands of orders that was most of the wall time and of the memory. Each store gets its own fast path:
/// <list type="bullet">
/// <item>SQLite: one single-row <c>INSERT</c> prepared once and run per row (in-process, so a row costs no round trip;
/// a statement of thousands of parameters would cost their square, as SQLite finds a named parameter by a linear scan).</item>
/// <item>PostgreSQL: one <c>INSERT … SELECT * FROM unnest($1::type[], $2::type[], …)</c> per table, one array parameter per
/// column, so a table's rows are one short statement to plan; tables that need no keys back go as one batch.</item>
/// </list>
/// The columns, their names, store types and the way each value is converted come from the EF model (each property's type
/// mapping and converter), so a property added to an entity is written here without a change; a test compares what this
/// writes with what EF writes for the same entities on each provider. Other providers keep to EF (<see cref="IsSupported"/>).
/// Rows are not tracked afterwards; generated keys are set on them when asked for.
/// </summary>
internal sealed class BulkInsert(TikTokSyncDbContext db)
{
    private static readonly ConcurrentDictionary<(IModel, Type), TablePlan> Plans = new();

    public static bool IsSupported(DbContext context) =>
        context.Database.ProviderName is StoreProviderNames.Sqlite or StoreProviderNames.PostgreSql;

    /// <summary>Inserts the rows; a store-generated key is not read back.</summary>
    public Task InsertAsync<TEntity>(IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class =>
        InsertAsync(rows, PlanFor<TEntity>(), naturalKey: null, cancellationToken);

    /// <summary>
    /// Inserts the rows and sets each one's store-generated key. On PostgreSQL the keys come back matched on
    /// <paramref name="naturalKey"/>, which must be unique within <paramref name="rows"/>: <c>RETURNING</c> does not promise
    /// the input order.
    /// </summary>
    public Task InsertReadingKeysAsync<TEntity>(IReadOnlyList<TEntity> rows, Expression<Func<TEntity, string>> naturalKey, CancellationToken cancellationToken)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(naturalKey);
        var plan = PlanFor<TEntity>();
        var memberName = naturalKey.Body is MemberExpression member ? member.Member.Name : throw new ArgumentException("Expected a property, e.g. o => o.Code.", nameof(naturalKey));
        var column = plan.Columns.Single(c => c.Property.Name == memberName);
        return InsertAsync(rows, plan, column, cancellationToken);
    }

    private async Task InsertAsync<TEntity>(IReadOnlyList<TEntity> rows, TablePlan plan, Column? naturalKey, CancellationToken cancellationToken)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        if (naturalKey is not null && plan.GeneratedKey is null)
        {
            throw new InvalidOperationException($"{plan.Table} has no store-generated key to read back.");
        }

        await OnOpenConnectionAsync(
            () => db.Database.ProviderName switch
            {
                StoreProviderNames.Sqlite => InsertRowByRowAsync(rows, plan, readKeys: naturalKey is not null, cancellationToken),
                StoreProviderNames.PostgreSql => InsertAsColumnArraysAsync(rows, plan, naturalKey, cancellationToken),
                _ => throw new NotSupportedException($"Bulk inserts are written for SQLite and PostgreSQL, not {db.Database.ProviderName}."),
            },
            cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> on the context's connection, opened for it (and closed after) when EF had not.</summary>
    private async Task OnOpenConnectionAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        var opened = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await work();
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private async Task InsertRowByRowAsync<TEntity>(IReadOnlyList<TEntity> rows, TablePlan plan, bool readKeys, CancellationToken cancellationToken)
        where TEntity : class
    {
        await using var insert = CreateCommand(plan.SingleRowSql);
        await using var lastRowId = CreateCommand("SELECT last_insert_rowid()");
        // Each parameter is made once by its column's type mapping (store type, size), then only given each row's value.
        var parameters = plan.Columns
            .Select((column, i) => column.Mapping.CreateParameter(insert, ParameterName(i), value: null, column.Property.IsNullable))
            .ToArray();
        insert.Parameters.AddRange(parameters);
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                var column = plan.Columns[i];
                parameters[i].Value = column.ToProvider(column.Property.GetGetter().GetClrValue(row)) ?? DBNull.Value;
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (readKeys)
            {
                // The rowid of the row this connection just inserted: exact for a one-row statement, and cheaper than
                // reading a RETURNING result set per row.
                SetKey(plan, row, await lastRowId.ExecuteScalarAsync(cancellationToken));
            }
        }
    }

    private async Task InsertAsColumnArraysAsync<TEntity>(IReadOnlyList<TEntity> rows, TablePlan plan, Column? naturalKey, CancellationToken cancellationToken)
        where TEntity : class
    {
        await using var command = CreateCommand(plan.ColumnArraysSql(naturalKey));
        AddColumnArrayParameters(command.Parameters, command.CreateParameter, plan, rows);

        if (naturalKey is null)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        var byNaturalKey = rows.ToDictionary(r => (string)naturalKey.Property.GetGetter().GetClrValue(r)!, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            SetKey(plan, byNaturalKey[reader.GetString(1)], reader.GetValue(0));
        }
    }

    /// <summary>
    /// Inserts the rows of several tables, in the order given; on PostgreSQL as one batch, so one round trip for all of
    /// them (a page's lines, history and log items). Keys are not read back.
    /// </summary>
    public async Task InsertTogetherAsync(IReadOnlyList<BulkRows> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var nonEmpty = tables.Where(t => t.Count > 0).ToList();
        if (db.Database.ProviderName != StoreProviderNames.PostgreSql || nonEmpty.Count < 2)
        {
            foreach (var table in nonEmpty)
            {
                await table.InsertAloneAsync(this, cancellationToken);
            }

            return;
        }

        await OnOpenConnectionAsync(
            async () =>
            {
                await using var batch = db.Database.GetDbConnection().CreateBatch();
                batch.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                foreach (var table in nonEmpty)
                {
                    table.AddTo(this, batch);
                }

                await batch.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    internal void AddColumnArrays<TEntity>(DbBatch batch, IReadOnlyList<TEntity> rows)
        where TEntity : class
    {
        var plan = PlanFor<TEntity>();
        var command = batch.CreateBatchCommand();
        command.CommandText = plan.ColumnArraysSql(returnedNaturalKey: null);
        AddColumnArrayParameters(command.Parameters, command.CreateParameter, plan, rows);
        batch.BatchCommands.Add(command);
    }

    /// <summary>One unnamed (positional) parameter per column, holding that column's values of every row as one array.</summary>
    private static void AddColumnArrayParameters<TEntity>(DbParameterCollection parameters, Func<DbParameter> createParameter, TablePlan plan, IReadOnlyList<TEntity> rows)
        where TEntity : class
    {
        foreach (var column in plan.Columns)
        {
            var values = Array.CreateInstance(column.ArrayElementType, rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                values.SetValue(column.ToProvider(column.Property.GetGetter().GetClrValue(rows[r])), r);
            }

            var parameter = createParameter();
            parameter.Value = values;
            parameters.Add(parameter);
        }
    }

    private DbCommand CreateCommand(string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }

    private static void SetKey(TablePlan plan, object row, object? storeValue) =>
        plan.GeneratedKey!.PropertyInfo!.SetValue(row, Convert.ChangeType(storeValue, plan.GeneratedKey.ClrType, CultureInfo.InvariantCulture));

    private TablePlan PlanFor<TEntity>() =>
        Plans.GetOrAdd((db.Model, typeof(TEntity)), static (key, sql) => TablePlan.Build(key.Item1, key.Item2, sql), db.GetService<ISqlGenerationHelper>());

    private static string ParameterName(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);

    private sealed class Column(IProperty property, RelationalTypeMapping mapping, string delimitedName, string storeType)
    {
        public IProperty Property { get; } = property;

        public RelationalTypeMapping Mapping { get; } = mapping;

        public string DelimitedName { get; } = delimitedName;

        public string StoreType { get; } = storeType;

        /// <summary>The element type of this column's array parameter: the provider's CLR type, nullable when the column is.</summary>
        public Type ArrayElementType { get; } = ElementType(property, mapping);

        public object? ToProvider(object? value) =>
            value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;

        private static Type ElementType(IProperty property, RelationalTypeMapping mapping)
        {
            var providerType = mapping.Converter?.ProviderClrType ?? property.ClrType;
            var underlying = Nullable.GetUnderlyingType(providerType) ?? providerType;
            return underlying.IsValueType && property.IsNullable ? typeof(Nullable<>).MakeGenericType(underlying) : underlying;
        }
    }

    private sealed class TablePlan
    {
        private readonly string _columnList;
        private readonly ISqlGenerationHelper _sql;

        private TablePlan(string table, IReadOnlyList<Column> columns, IProperty? generatedKey, ISqlGenerationHelper sql)
        {
            Table = table;
            Columns = columns;
            GeneratedKey = generatedKey;
            _sql = sql;
            _columnList = string.Join(", ", columns.Select(c => c.DelimitedName));
            SingleRowSql = $"INSERT INTO {table} ({_columnList}) VALUES ({string.Join(", ", columns.Select((_, i) => ParameterName(i)))})";
        }

        public string Table { get; }

        public IReadOnlyList<Column> Columns { get; }

        public IProperty? GeneratedKey { get; }

        public string SingleRowSql { get; }

        public static TablePlan Build(IModel model, Type clrType, ISqlGenerationHelper sql)
        {
            var entityType = model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model.");
            var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{clrType.Name} has no table.");
            var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
            var key = entityType.FindPrimaryKey()?.Properties is [var single] && single.ValueGenerated == ValueGenerated.OnAdd ? single : null;
            var columns = new List<Column>();
            foreach (var property in entityType.GetProperties())
            {
                if (property == key || property.GetComputedColumnSql(table) is not null)
                {
                    continue;
                }

                if (property.IsShadowProperty() || property.PropertyInfo is null)
                {
                    throw new NotSupportedException($"{clrType.Name}.{property.Name} has no CLR property to read; write this table through EF.");
                }

                columns.Add(new Column(property, property.GetRelationalTypeMapping(), sql.DelimitIdentifier(property.GetColumnName(table)!), property.GetColumnType(table)));
            }

            return new TablePlan(sql.DelimitIdentifier(tableName, entityType.GetSchema()), columns, key, sql);
        }

        public string ColumnArraysSql(Column? returnedNaturalKey)
        {
            var text = new StringBuilder($"INSERT INTO {Table} ({_columnList}) SELECT * FROM unnest(");
            for (var i = 0; i < Columns.Count; i++)
            {
                // Positional ($1, …) with unnamed parameters: the form both a command and a batch command send as is.
                text.Append(i == 0 ? "$" : ", $").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("::").Append(Columns[i].StoreType).Append("[]");
            }

            text.Append(')');
            if (returnedNaturalKey is not null)
            {
                text.Append(" RETURNING ").Append(_sql.DelimitIdentifier(GeneratedKey!.GetColumnName()))
                    .Append(", ").Append(returnedNaturalKey.DelimitedName);
            }

            return text.ToString();
        }
    }
}

/// <summary>One table's new rows for <see cref="BulkInsert.InsertTogetherAsync"/>.</summary>
internal sealed class BulkRows
{
    private readonly Func<BulkInsert, CancellationToken, Task> _insertAlone;
    private readonly Action<BulkInsert, DbBatch> _addTo;

    private BulkRows(int count, Func<BulkInsert, CancellationToken, Task> insertAlone, Action<BulkInsert, DbBatch> addTo)
    {
        Count = count;
        _insertAlone = insertAlone;
        _addTo = addTo;
    }

    public int Count { get; }

    public static BulkRows Of<TEntity>(IReadOnlyList<TEntity> rows)
        where TEntity : class =>
        new(rows.Count, (bulk, cancellationToken) => bulk.InsertAsync(rows, cancellationToken), (bulk, batch) => bulk.AddColumnArrays(batch, rows));

    internal Task InsertAloneAsync(BulkInsert bulk, CancellationToken cancellationToken) => _insertAlone(bulk, cancellationToken);

    internal void AddTo(BulkInsert bulk, DbBatch batch) => _addTo(bulk, batch);
}
