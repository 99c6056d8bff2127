using GoQ.TikTokSync.Core.Data;

namespace GoQ.TikTokSync.Core.OperationHistory;

/// <summary>Who is acting: the signed-in user and the address the request came from.</summary>
public sealed record OperationActor(string? UserId, string UserName, string? IpAddress);

/// <summary>Supplies the current <see cref="OperationActor"/> (the web app reads it from the request).</summary>
public interface IOperationActorSource
{
    OperationActor Current { get; }
}

/// <summary>What happened, in the operator's words; <see cref="Orders"/> lists the orders it touched (id, order number).</summary>
public sealed record OperationRecord(
    OperationKind Kind,
    string Summary,
    string? Details = null,
    string? TargetUrl = null,
    IReadOnlyCollection<(long OrderId, string OrderNumber)>? Orders = null);
