using System.Globalization;
using System.Text;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

/// <summary>The documented Get Order List conditions (docs/tiktok-shop-api.md#order-search).</summary>
internal sealed class OrderSearchQuery
{
    public string? OrderStatus { get; init; }

    public long? CreateTimeGe { get; init; }

    public long? CreateTimeLt { get; init; }

    public long? UpdateTimeGe { get; init; }

    public long? UpdateTimeLt { get; init; }

    public string? ShippingType { get; init; }

    public string? BuyerUserId { get; init; }

    public bool? IsBuyerRequestCancel { get; init; }

    public IReadOnlyList<string>? WarehouseIds { get; init; }

    public OrderSortField SortField { get; init; } = OrderSortField.CreateTime;

    public bool Descending { get; init; } = true;

    public int PageSize { get; init; } = 20;

    public bool Matches(OrderRecord order)
    {
        if (OrderStatus is not null && !order.HasStatus(OrderStatus))
        {
            return false;
        }

        if (order.CreateTime < (CreateTimeGe ?? long.MinValue) || order.CreateTime >= (CreateTimeLt ?? long.MaxValue))
        {
            return false;
        }

        if (order.UpdateTime < (UpdateTimeGe ?? long.MinValue) || order.UpdateTime >= (UpdateTimeLt ?? long.MaxValue))
        {
            return false;
        }

        // Every emulated order is shipped by the seller (docs/tiktok-shop-api.md#jp-fulfilment-flow: JP local sellers use seller shipping).
        if (ShippingType is not null && !string.Equals(ShippingType, OrderWireMapper.SellerShipping, StringComparison.Ordinal))
        {
            return false;
        }

        if (BuyerUserId is not null && !string.Equals(order.UserId, BuyerUserId, StringComparison.Ordinal))
        {
            return false;
        }

        if (IsBuyerRequestCancel is { } requested && order.IsBuyerRequestCancel != requested)
        {
            return false;
        }

        return WarehouseIds is null || WarehouseIds.Count == 0 || WarehouseIds.Contains(order.WarehouseId, StringComparer.Ordinal);
    }

    /// <summary>Identifies the conditions and the sort of a search, so that a page token is only accepted by the same search.</summary>
    public ulong Fingerprint()
    {
        var canonical = string.Join(
            '|',
            OrderStatus,
            CreateTimeGe?.ToString(CultureInfo.InvariantCulture),
            CreateTimeLt?.ToString(CultureInfo.InvariantCulture),
            UpdateTimeGe?.ToString(CultureInfo.InvariantCulture),
            UpdateTimeLt?.ToString(CultureInfo.InvariantCulture),
            ShippingType,
            BuyerUserId,
            IsBuyerRequestCancel?.ToString(),
            WarehouseIds is null ? null : string.Join(',', WarehouseIds),
            SortField.ToString(),
            Descending ? "DESC" : "ASC");

        const ulong offsetBasis = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(canonical))
        {
            hash = (hash ^ b) * prime;
        }

        return hash;
    }
}

internal readonly record struct OrderKey(long Time, string Id);

internal sealed class OrderKeyComparer : IComparer<OrderKey>
{
    public static readonly OrderKeyComparer Instance = new();

    /// <summary>Larger than every numeric order id, so that (t, UpperId) closes a range that includes every order at t.</summary>
    public const string UpperId = "\uffff";

    public int Compare(OrderKey x, OrderKey y)
    {
        var byTime = x.Time.CompareTo(y.Time);
        return byTime != 0 ? byTime : string.CompareOrdinal(x.Id, y.Id);
    }
}
