namespace GoQ.TikTokSync.Web.Pages.Orders;

/// <summary>The pages' name for <see cref="Core.Orders.OrderOperationText"/>, whose wording the use cases now own.</summary>
public static class OrderOperationText
{
    public const int ListedNumbers = Core.Orders.OrderOperationText.ListedNumbers;

    public static string OrderUrl(long orderId) => Core.Orders.OrderOperationText.OrderUrl(orderId);

    public static string TargetUrl(IReadOnlyCollection<(long OrderId, string OrderNumber)> orders, string manyOrdersUrl) =>
        Core.Orders.OrderOperationText.TargetUrl(orders, manyOrdersUrl);

    public static IEnumerable<string> CappedLines(IReadOnlyCollection<string> lines) => Core.Orders.OrderOperationText.CappedLines(lines);

    public static string Numbers(IEnumerable<string> orderNumbers) => Core.Orders.OrderOperationText.Numbers(orderNumbers);
}
