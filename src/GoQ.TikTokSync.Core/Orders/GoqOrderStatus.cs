namespace GoQ.TikTokSync.Core.Orders;

/// <summary>The operator-side order status (GoQ's 受注ステータス). Stored by name, so renaming a member is a migration.</summary>
public enum GoqOrderStatus
{
    NewOrder,
    AwaitingPaymentBeforeShipment,
    AwaitingShipment,
    AwaitingPaymentAfterShipment,
    Processed,
    OnHold,
    Cancelled,
}

public static class GoqOrderStatuses
{
    /// <summary>Tab order of 受注一覧, as the manual lists them.</summary>
    public static IReadOnlyList<GoqOrderStatus> All { get; } =
    [
        GoqOrderStatus.NewOrder,
        GoqOrderStatus.AwaitingPaymentBeforeShipment,
        GoqOrderStatus.AwaitingShipment,
        GoqOrderStatus.AwaitingPaymentAfterShipment,
        GoqOrderStatus.Processed,
        GoqOrderStatus.OnHold,
        GoqOrderStatus.Cancelled,
    ];

    /// <summary>全て is a search view over every status, never a status an order can have.</summary>
    public const string AllViewLabel = "全て";

    public static string JapaneseName(this GoqOrderStatus status) => status switch
    {
        GoqOrderStatus.NewOrder => "新規受付",
        GoqOrderStatus.AwaitingPaymentBeforeShipment => "発送前入金待ち",
        GoqOrderStatus.AwaitingShipment => "発送待ち",
        GoqOrderStatus.AwaitingPaymentAfterShipment => "発送後入金待ち",
        GoqOrderStatus.Processed => "処理済",
        GoqOrderStatus.OnHold => "保留",
        GoqOrderStatus.Cancelled => "キャンセル",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParseJapaneseName(string? name, out GoqOrderStatus status)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.JapaneseName(), name, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
