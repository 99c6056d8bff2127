using GoQ.TikTokSync.Core.Data;

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
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    private static string? Truncate(string? value, int maxLength) =>
        value is null || value.Length <= maxLength ? value : value[..(maxLength - 1)] + "…";
}
