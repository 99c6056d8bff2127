using System.Globalization;

namespace GoQ.TikTokSync.Core.Orders;

/// <summary>Shared wording of 操作履歴 rows about orders: links and short lists of order numbers.</summary>
public static class OrderOperationText
{
    /// <summary>Order numbers listed in a row's details before the rest are only counted (the orders themselves are all linked).</summary>
    public const int ListedNumbers = 20;

    /// <summary>「3件」</summary>
    public static string CountText(int count) => count.ToString(CultureInfo.InvariantCulture) + "件";

    public static string OrderUrl(long orderId) => "/Orders/" + orderId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The order's own page when one order was touched, otherwise <paramref name="manyOrdersUrl"/>.</summary>
    public static string TargetUrl(IReadOnlyCollection<(long OrderId, string OrderNumber)> orders, string manyOrdersUrl)
    {
        ArgumentNullException.ThrowIfNull(orders);
        return orders.Count == 1 ? OrderUrl(orders.First().OrderId) : manyOrdersUrl;
    }

    /// <summary>One detail line per order for the first <see cref="ListedNumbers"/>, then 「ほかN件」 for the rest.</summary>
    public static IEnumerable<string> CappedLines(IReadOnlyCollection<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Count > ListedNumbers
            ? lines.Take(ListedNumbers).Append(string.Create(CultureInfo.InvariantCulture, $"ほか{lines.Count - ListedNumbers}件"))
            : lines;
    }

    /// <summary>「576…, 576… ほか3件」</summary>
    public static string Numbers(IEnumerable<string> orderNumbers)
    {
        var all = orderNumbers.ToList();
        var listed = string.Join(", ", all.Take(ListedNumbers));
        return all.Count > ListedNumbers
            ? listed + string.Create(CultureInfo.InvariantCulture, $" ほか{all.Count - ListedNumbers}件")
            : listed;
    }
}
