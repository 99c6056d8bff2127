namespace GoQ.TikTokSync.Core.Orders;

/// <summary>One unit of an order, exactly as TikTok sends line items (no quantity field: two of a SKU are two lines).</summary>
public class OrderLine
{
    public long Id { get; set; }

    public long OrderId { get; set; }

    public string TikTokLineItemId { get; set; } = string.Empty;

    public string SkuId { get; set; } = string.Empty;

    public string? SellerSku { get; set; }

    public string? ProductId { get; set; }

    public string ProductName { get; set; } = string.Empty;

    public string? SkuName { get; set; }

    public decimal SalePrice { get; set; }

    public decimal OriginalPrice { get; set; }

    public string? DisplayStatus { get; set; }

    public string? PackageId { get; set; }

    /// <summary>This line alone was cancelled on TikTok (display_status CANCELLED) while the order may go on: it is never
    /// shipped, so no package names it and no push sends it.</summary>
    public bool IsCancelled => DisplayStatus == TikTokShop.Models.TikTokOrderStatus.Cancelled.Value;
}
