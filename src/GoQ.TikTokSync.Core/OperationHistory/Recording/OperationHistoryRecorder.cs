using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.OperationHistory.Recording;

/// <summary>
/// Writes one 操作履歴 row per operator action. Called after the action succeeded, so a refused or failed action leaves
/// no row; the row is saved on its own (anything else pending in the context is saved with it).
/// </summary>
public sealed class OperationHistoryRecorder(TikTokSyncDbContext db, IOperationActorSource actors, TimeProvider time)
{
    public const int SummaryMaxLength = 500;
    public const int DetailsMaxLength = 8000;

    public Task<OperationHistoryEntry> RecordAsync(OperationRecord record, CancellationToken cancellationToken) =>
        RecordAsync(record, actors.Current, cancellationToken);

    /// <summary>For the rare action whose actor is not yet the request's user (the first admin signing up on 初期設定).</summary>
    public async Task<OperationHistoryEntry> RecordAsync(OperationRecord record, OperationActor actor, CancellationToken cancellationToken)
    {
        var entry = Add(record, actor);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    /// <summary>
    /// Adds the row to the context without saving, for a use case that saves it with the change it records: one
    /// SaveChanges, so the change and its row are both kept or both lost.
    /// </summary>
    public OperationHistoryEntry Add(OperationRecord record) => Add(record, actors.Current);

    /// <summary>
    /// For a change made by a service that saves on its own: the change and its row (when it returns one) share one
    /// transaction, so both are kept or both are lost.
    /// </summary>
    public async Task<T> RecordWithAsync<T>(Func<CancellationToken, Task<(T Result, OperationRecord? Record)>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var (result, record) = await change(ct);
            if (record is not null)
            {
                Add(record);
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }

    private OperationHistoryEntry Add(OperationRecord record, OperationActor actor)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(actor);
        var entry = new OperationHistoryEntry
        {
            OccurredAtUtc = time.GetUtcNow().UtcDateTime,
            UserId = actor.UserId,
            UserName = Truncate(actor.UserName, 256)!,
            IpAddress = Truncate(actor.IpAddress, 64),
            Kind = record.Kind,
            Summary = Truncate(record.Summary, SummaryMaxLength)!,
            Details = Truncate(record.Details, DetailsMaxLength),
            TargetUrl = Truncate(record.TargetUrl, 300),
        };
        foreach (var (orderId, orderNumber) in record.Orders?.DistinctBy(o => o.OrderId) ?? [])
        {
            entry.Orders.Add(new OperationHistoryOrder { OrderId = orderId, OrderNumber = Truncate(orderNumber, 64)! });
        }

        db.OperationHistory.Add(entry);
        return entry;
    }

    private static string? Truncate(string? value, int maxLength) =>
        value is null || value.Length <= maxLength ? value : value[..(maxLength - 1)] + "…";
}
