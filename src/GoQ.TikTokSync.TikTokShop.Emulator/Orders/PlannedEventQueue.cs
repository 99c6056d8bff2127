namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

/// <summary>A life-cycle event planned for one order; <paramref name="Sequence"/> keeps events due at the same second in planning order.</summary>
internal readonly record struct ScheduledEvent(long Due, long Sequence, string OrderId, OrderEventKind Kind);

/// <summary>
/// The pending life-cycle events of one shop in time order. Not thread-safe: used only under the lock of its
/// <see cref="ShopOrderBook"/>.
/// </summary>
internal sealed class PlannedEventQueue
{
    private readonly SortedSet<ScheduledEvent> _pending = new(ScheduledEventComparer.Instance);
    private readonly Action _eventScheduled;
    private long _sequence;

    /// <param name="eventScheduled">Told of every new event, so the ticker can wake up for it.</param>
    public PlannedEventQueue(Action eventScheduled)
    {
        _eventScheduled = eventScheduled;
    }

    /// <summary>When the next event is due (Unix seconds), or null when nothing is planned.</summary>
    public long? NextDue => _pending.Count > 0 ? _pending.Min.Due : null;

    public void Schedule(long due, string orderId, OrderEventKind kind)
    {
        _pending.Add(new ScheduledEvent(due, ++_sequence, orderId, kind));
        _eventScheduled();
    }

    /// <summary>Takes the earliest event if it is due by <paramref name="now"/>.</summary>
    public bool TryTakeDue(long now, out ScheduledEvent due)
    {
        if (_pending.Count == 0 || _pending.Min.Due > now)
        {
            due = default;
            return false;
        }

        due = _pending.Min;
        _pending.Remove(due);
        return true;
    }

    public void Clear() => _pending.Clear();

    private sealed class ScheduledEventComparer : IComparer<ScheduledEvent>
    {
        public static readonly ScheduledEventComparer Instance = new();

        public int Compare(ScheduledEvent x, ScheduledEvent y)
        {
            var byDue = x.Due.CompareTo(y.Due);
            return byDue != 0 ? byDue : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
