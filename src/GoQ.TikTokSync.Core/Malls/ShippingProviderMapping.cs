using GoQ.TikTokSync.Core.Orders;
namespace GoQ.TikTokSync.Core.Malls;

/// <summary>
/// Which TikTok shipping_provider_id a carrier means for one delivery option of one connection. Resolved from Get Shipping
/// Providers (names are matched in English and Japanese); an administrator can correct it, and a corrected row is kept.
/// </summary>
public class ShippingProviderMapping
{
    public int Id { get; set; }

    public int MallConnectionId { get; set; }

    public string DeliveryOptionId { get; set; } = string.Empty;

    public Carrier Carrier { get; set; }

    public string ShippingProviderId { get; set; } = string.Empty;

    public string ShippingProviderName { get; set; } = string.Empty;

    public bool SetByAdministrator { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
