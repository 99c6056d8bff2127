namespace GoQ.TikTokSync.TikTokShop.Emulator.Protocol;

/// <summary>
/// Shops whose calls the gateway refuses after the token check, as TikTok does when the app lacks a scope (105005) or
/// when it keeps calling a token invalid even after a refresh. Set through the control surface only.
/// </summary>
internal sealed class AccessRefusals
{
    private readonly object _gate = new();
    private readonly List<ShopAccessRefusal> _refusals = [];

    public void Add(ShopAccessRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentException.ThrowIfNullOrWhiteSpace(refusal.ShopId);
        lock (_gate)
        {
            _refusals.Add(refusal);
        }
    }

    public IReadOnlyList<ShopAccessRefusal> List()
    {
        lock (_gate)
        {
            return _refusals.ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _refusals.Clear();
        }
    }

    /// <summary>The error for a call of <paramref name="endpointName"/> on behalf of any of <paramref name="shopIds"/>, or null.</summary>
    public EmulatorError? ErrorFor(IEnumerable<string> shopIds, string endpointName)
    {
        lock (_gate)
        {
            if (_refusals.Count == 0)
            {
                return null;
            }

            var shops = shopIds.ToHashSet(StringComparer.Ordinal);
            var match = _refusals.FirstOrDefault(r => shops.Contains(r.ShopId)
                && (r.EndpointName is null || string.Equals(r.EndpointName, endpointName, StringComparison.Ordinal)));
            return match?.Kind switch
            {
                null => null,
                AccessRefusalKind.MissingScope => EmulatorErrors.MissingScope,
                _ => EmulatorErrors.InvalidAccessToken,
            };
        }
    }
}
