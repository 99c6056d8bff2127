using GoQ.TikTokSync.TikTokShop.Emulator.Hosting;
using GoQ.TikTokSync.TikTokShop.Emulator.Webhooks;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

/// <summary>The order books of every configured shop, and the deterministic generation of their orders.</summary>
internal sealed class OrderStore
{
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly OrderGenerator _generator;
    private readonly IReadOnlyList<ShopOrderBook> _books;
    private readonly Dictionary<string, ShopOrderBook> _byShopId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ShopOrderBook> _byCipher = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _seedCalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Random> _liveRandom = new(StringComparer.Ordinal);
    private readonly IdSource _ids;

    public OrderStore(EmulatorOptions options, TimeProvider time, IWebhookSink webhooks, IdSource ids, EmulatorWakeSignal wake)
    {
        _options = options;
        _time = time;
        _ids = ids;
        _generator = new OrderGenerator(ids, options.PreShippingSplitShare);
        var books = new List<ShopOrderBook>();
        foreach (var shop in options.Sellers.SelectMany(s => s.Shops))
        {
            var book = new ShopOrderBook(shop, books.Count, webhooks, ids, wake.Notify);
            books.Add(book);
            _byShopId[shop.Id] = book;
            _byCipher[shop.Cipher] = book;
        }

        _books = books;
    }

    public IReadOnlyList<ShopOrderBook> Books => _books;

    public ShopOrderBook? FindByCipher(string cipher) => _byCipher.GetValueOrDefault(cipher);

    public ShopOrderBook GetShop(string shopId) =>
        _byShopId.GetValueOrDefault(shopId) ?? throw new KeyNotFoundException($"No emulated shop has the id {shopId}.");

    public long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Generates <paramref name="count"/> orders created between <paramref name="from"/> and <paramref name="to"/>.
    /// Orders created in the future appear when the clock reaches them.</summary>
    public IReadOnlyList<string> Seed(string shopId, int count, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (to < from)
        {
            throw new ArgumentException("The range ends before it starts.", nameof(to));
        }

        var book = GetShop(shopId);
        Random random;
        lock (_seedCalls)
        {
            var call = _seedCalls.GetValueOrDefault(shopId);
            _seedCalls[shopId] = call + 1;
            random = new Random(StableSeed(book.ShopIndex, call));
        }

        var start = from.ToUnixTimeSeconds();
        var span = Math.Max(1, to.ToUnixTimeSeconds() - start);
#pragma warning disable CA5394 // Deterministic test data.
        var createTimes = Enumerable.Range(0, count).Select(_ => start + random.NextInt64(0, span)).Order().ToList();
#pragma warning restore CA5394
        var generated = createTimes.Select(t => _generator.Generate(random, book.Shop, book.ShopIndex, t)).ToList();
        CombineSomeNeighbours(generated);
        book.AddMany(generated, Now);
        return generated.Select(g => g.Order.Id).ToList();
    }

    public string Create(string shopId, NewOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DistinctSkus is < 1 or > 5 || request.UnitsPerSku is < 1 or > 10)
        {
            throw new ArgumentException("An order has 1–5 SKUs and 1–10 units of each.", nameof(request));
        }

        if (!request.OnHoldFlow && request.Status == OrderStatuses.OnHold)
        {
            throw new ArgumentException("An order of the old flow (no ON_HOLD) cannot be created ON_HOLD.", nameof(request));
        }

        var book = GetShop(shopId);
        var now = Now;
        var hold = (long)PlatformTimings.OnHoldWindow.TotalSeconds;
        var createTime = request.Status switch
        {
            OrderStatuses.Unpaid => now,
            OrderStatuses.OnHold => now - 60,
            OrderStatuses.AwaitingShipment when !request.OnHoldFlow => now - (long)(request.PaidAgo ?? TimeSpan.FromMinutes(1)).TotalSeconds - 60,
            OrderStatuses.AwaitingShipment => now - hold - 120,
            _ => throw new ArgumentException("A new order is UNPAID, ON_HOLD or AWAITING_SHIPMENT.", nameof(request)),
        };

        GeneratedOrder generated;
        lock (_liveRandom)
        {
            if (!_liveRandom.TryGetValue(shopId, out var random))
            {
                random = new Random(StableSeed(book.ShopIndex, -1));
                _liveRandom[shopId] = random;
            }

            generated = _generator.Generate(random, book.Shop, book.ShopIndex, createTime, new OrderShape
            {
                DistinctSkus = request.DistinctSkus,
                UnitsPerSku = request.UnitsPerSku,
                DeliveryOptionId = request.DeliveryOptionId,
                ManualLifecycle = true,
                SplitCityAndWard = request.SplitCityAndWard,
            });
        }

        var order = generated.Order;
        OrderGenerator.ApplyRequestedShape(order, request);
        var future = new List<PlannedEvent>();
        switch (request.Status)
        {
            case OrderStatuses.Unpaid:
                future.Add(new PlannedEvent(now + (long)PlatformTimings.UnpaidTimeout.TotalSeconds, OrderEventKind.UnpaidTimeout));
                if (request.PaysAfter is { } paysAfter)
                {
                    var paid = now + (long)paysAfter.TotalSeconds;
                    future.Add(new PlannedEvent(paid, OrderEventKind.Pay));
                    future.Add(new PlannedEvent(paid + hold, OrderEventKind.ReleaseHold));
                }

                break;
            case OrderStatuses.OnHold:
                order.PaidTime = now;
                order.Status = OrderStatuses.OnHold;
                future.Add(new PlannedEvent(now + hold, OrderEventKind.ReleaseHold));
                break;
            case OrderStatuses.AwaitingShipment when !order.UsesOnHoldFlow:
                order.PaidTime = order.CreateTime + 60;
                order.Status = OrderStatuses.AwaitingShipment;
                order.AddressReleased = true;
                break;
            default:
                order.PaidTime = now - hold - 60;
                order.Status = OrderStatuses.AwaitingShipment;
                order.AddressReleased = true;
                break;
        }

        if (request.TikTokPackages is > 0)
        {
            if (request.Status != OrderStatuses.AwaitingShipment || request.TikTokPackages > order.LineItems.Count)
            {
                throw new ArgumentException("TikTok packages are made for an AWAITING_SHIPMENT order, at most one per line.", nameof(request));
            }

            var packageIds = Enumerable.Range(0, request.TikTokPackages.Value).Select(_ => _ids.NextPackageId()).ToList();
            for (var i = 0; i < order.LineItems.Count; i++)
            {
                order.LineItems[i].PendingPackageId = packageIds[i * packageIds.Count / order.LineItems.Count];
            }
        }

        order.UpdateTime = now;
        book.AddLive(order, future, now);
        return order.Id;
    }

    /// <summary>
    /// At <see cref="EmulatorOptions.CombinedOrderShare"/>, an order and the one created just before it become one buyer's two
    /// orders that TikTok combined into one package (auto_combine_group_id). Decided from the order id, so no other order
    /// changes; only orders whose life cycle has no cancellation are combined.
    /// </summary>
    private void CombineSomeNeighbours(List<GeneratedOrder> generated)
    {
        if (_options.CombinedOrderShare <= 0)
        {
            return;
        }

        static bool NeverCancelled(GeneratedOrder g) => g.Plan.All(p => p.Kind is OrderEventKind.Create or OrderEventKind.Pay or OrderEventKind.ReleaseHold);
        for (var i = 1; i < generated.Count; i++)
        {
            var (first, second) = (generated[i - 1], generated[i]);
            if (first.Order.AutoCombineGroupId is not null || !NeverCancelled(first) || !NeverCancelled(second)
                || new Random(unchecked((int)(long.Parse(second.Order.Id, System.Globalization.CultureInfo.InvariantCulture) % int.MaxValue) + 7)).NextDouble() >= _options.CombinedOrderShare)
            {
                continue;
            }

            second.Order.UserId = first.Order.UserId;
            second.Order.Recipient = first.Order.Recipient;
            var packageId = _ids.NextPackageId();
            var groupId = _ids.NextPackageId();
            foreach (var order in new[] { first.Order, second.Order })
            {
                order.AutoCombineGroupId = groupId;
                foreach (var line in order.LineItems)
                {
                    line.PendingPackageId = packageId;
                }
            }
        }
    }

    /// <summary>The earliest planned event of any shop, or null.</summary>
    public DateTimeOffset? NextDue()
    {
        var due = _books.Select(b => b.NextDue()).Where(d => d is not null).Min();
        return due is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }

    public ShopOrderBook? FindBookOfOrder(string orderId) => _books.FirstOrDefault(b => b.HasOrder(orderId));

    public void ApplyDueEverywhere()
    {
        var now = Now;
        foreach (var book in _books)
        {
            book.ApplyDue(now);
        }
    }

    public void Reset()
    {
        foreach (var book in _books)
        {
            book.Clear();
        }

        lock (_seedCalls)
        {
            _seedCalls.Clear();
        }

        lock (_liveRandom)
        {
            _liveRandom.Clear();
        }

        _ids.Reset();
    }

    /// <summary>A seed that does not depend on the process (string.GetHashCode would).</summary>
    private int StableSeed(int shopIndex, int call) =>
        unchecked((_options.RandomSeed * 1_000_003) + (shopIndex * 7_919) + (call * 104_729));
}
