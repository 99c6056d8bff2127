using System.Diagnostics.CodeAnalysis;
using GoQ.TikTokSync.TikTokShop.Emulator.Protocol;
using GoQ.TikTokSync.TikTokShop.Emulator.Wire;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

internal sealed record SearchPage(IReadOnlyList<OrderWire> Orders, SearchCursor? Next, int TotalCount);

/// <summary>
/// The orders of one shop that exist by now and the packages shipped for them. Orders are kept indexed by create and
/// update time so that a page costs O(log n + page) rather than a sort of the whole shop. Not thread-safe: used only
/// under the lock of its <see cref="ShopOrderBook"/>.
/// </summary>
internal sealed class ShopOrderIndex
{
    private readonly Dictionary<string, OrderRecord> _orders = new(StringComparer.Ordinal);
    private readonly SortedSet<OrderKey> _byCreate = new(OrderKeyComparer.Instance);
    private readonly SortedSet<OrderKey> _byUpdate = new(OrderKeyComparer.Instance);
    private readonly Dictionary<string, PackageRecord> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, (long Version, int Count)> _countCache = [];

    // Moves whenever an order enters the index or is re-filed, so a cached total count is known to be stale.
    private long _version;

    public int Count => _orders.Count;

    public IEnumerable<OrderRecord> Orders => _orders.Values;

    public IEnumerable<OrderRecord> OrdersByCreateTime => _byCreate.Select(k => _orders[k.Id]);

    public IEnumerable<PackageRecord> Packages => _packages.Values;

    public bool Contains(string orderId) => _orders.ContainsKey(orderId);

    public bool TryGet(string orderId, [MaybeNullWhen(false)] out OrderRecord order) => _orders.TryGetValue(orderId, out order);

    public void Add(OrderRecord order)
    {
        _orders[order.Id] = order;
        _byCreate.Add(new OrderKey(order.CreateTime, order.Id));
        _byUpdate.Add(new OrderKey(order.UpdateTime, order.Id));
        _version++;
    }

    /// <summary>
    /// A status change moves update_time and re-files the order in the update-time index. update_time is the time of the
    /// last status change (docs/tiktok-shop-api.md#order-search): a cancel request, an address change or a line cancellation does not move it.
    /// </summary>
    /// <param name="indexed">False while an order's past is replayed before it enters the index.</param>
    public void Touch(OrderRecord order, long at, bool indexed = true)
    {
        var updateTime = Math.Max(at, order.UpdateTime);
        if (indexed)
        {
            _byUpdate.Remove(new OrderKey(order.UpdateTime, order.Id));
            order.UpdateTime = updateTime;
            _byUpdate.Add(new OrderKey(order.UpdateTime, order.Id));
            _version++;
        }
        else
        {
            order.UpdateTime = updateTime;
        }
    }

    public void AddPackage(PackageRecord package) => _packages[package.Id] = package;

    public PackageRecord Package(string packageId) => _packages[packageId];

    public bool TryGetPackage(string packageId, [MaybeNullWhen(false)] out PackageRecord package) =>
        _packages.TryGetValue(packageId, out package);

    public SearchPage Search(OrderSearchQuery query, SearchCursor? after)
    {
        var fingerprint = query.Fingerprint();
        var page = new List<OrderWire>(query.PageSize);
        OrderRecord? last = null;
        var more = false;
        foreach (var key in Walk(query, after))
        {
            var order = _orders[key.Id];
            if (!query.Matches(order))
            {
                continue;
            }

            if (page.Count == query.PageSize)
            {
                more = true;
                break;
            }

            page.Add(OrderWireMapper.ToWire(order));
            last = order;
        }

        SearchCursor? next = more && last is not null
            ? new SearchCursor(query.SortField, query.Descending, fingerprint, SortTime(last, query.SortField), last.Id)
            : null;
        return new SearchPage(page, next, CountMatching(query, fingerprint));
    }

    /// <summary>Order detail: every id must belong to this shop (docs/tiktok-shop-api.md#order-detail: 21008111 otherwise).</summary>
    public Outcome<IReadOnlyList<OrderWire>> GetOrders(IReadOnlyList<string> ids)
    {
        var result = new List<OrderWire>(ids.Count);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (!_orders.TryGetValue(id, out var order))
            {
                return Outcome<IReadOnlyList<OrderWire>>.Fail(EmulatorErrors.OrderNotInShop);
            }

            result.Add(OrderWireMapper.ToWire(order));
        }

        return Outcome<IReadOnlyList<OrderWire>>.Ok(result);
    }

    public void Clear()
    {
        _orders.Clear();
        _byCreate.Clear();
        _byUpdate.Clear();
        _packages.Clear();
        _countCache.Clear();
        _version++;
    }

    private IEnumerable<OrderKey> Walk(OrderSearchQuery query, SearchCursor? after)
    {
        var set = query.SortField == OrderSortField.CreateTime ? _byCreate : _byUpdate;
        var (ge, lt) = query.SortField == OrderSortField.CreateTime
            ? (query.CreateTimeGe, query.CreateTimeLt)
            : (query.UpdateTimeGe, query.UpdateTimeLt);
        var lower = new OrderKey(ge ?? long.MinValue, "");
        var upper = new OrderKey(lt is { } end ? end - 1 : long.MaxValue, OrderKeyComparer.UpperId);
        if (after is { } cursor)
        {
            var position = new OrderKey(cursor.Time, cursor.OrderId);
            if (query.Descending)
            {
                upper = OrderKeyComparer.Instance.Compare(position, upper) < 0 ? position : upper;
            }
            else
            {
                lower = OrderKeyComparer.Instance.Compare(position, lower) > 0 ? position : lower;
            }
        }

        if (set.Count == 0 || OrderKeyComparer.Instance.Compare(lower, upper) > 0)
        {
            yield break;
        }

        var view = set.GetViewBetween(lower, upper);
        var keys = query.Descending ? view.Reverse() : view;
        foreach (var key in keys)
        {
            // The cursor itself was the last order of the previous page.
            if (after is { } c && key.Time == c.Time && string.Equals(key.Id, c.OrderId, StringComparison.Ordinal))
            {
                continue;
            }

            yield return key;
        }
    }

    private int CountMatching(OrderSearchQuery query, ulong fingerprint)
    {
        if (_countCache.TryGetValue(fingerprint, out var cached) && cached.Version == _version)
        {
            return cached.Count;
        }

        var count = 0;
        foreach (var key in Walk(query, after: null))
        {
            if (query.Matches(_orders[key.Id]))
            {
                count++;
            }
        }

        _countCache[fingerprint] = (_version, count);
        return count;
    }

    private static long SortTime(OrderRecord order, OrderSortField field) =>
        field == OrderSortField.CreateTime ? order.CreateTime : order.UpdateTime;
}
