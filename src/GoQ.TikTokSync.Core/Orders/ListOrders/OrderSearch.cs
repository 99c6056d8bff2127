namespace GoQ.TikTokSync.Core.Orders.ListOrders;

/// <summary>
/// 受注一覧's search box: one text that may be an order number, a recipient name (kanji or kana), a phone number in any
/// format, or a tracking number. It searches every status, as GoQ support tells operators to do first.
/// </summary>
public static class OrderSearch
{
    public static IQueryable<Order> Apply(IQueryable<Order> orders, string? text)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var term = text?.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        if (string.IsNullOrEmpty(term))
        {
            return orders;
        }

        var phoneDigits = JapaneseAddress.DomesticDigits(term);
        var looksLikePhone = phoneDigits is { Length: >= 10 and <= 11 } && phoneDigits.StartsWith('0')
            && term.All(c => char.IsAsciiDigit(c) || c is '-' or '(' or ')' or '+' or ' ');
        var bareNumber = new string(term.Where(c => c != '-' && c != ' ').ToArray());
        var nameWithoutSpaces = term.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("　", string.Empty, StringComparison.Ordinal);

        return orders.Where(o =>
            o.TikTokOrderId == bareNumber
            || o.TrackingNumber == bareNumber
            || o.Packages.Any(p => p.TrackingNumber == bareNumber)
            || (looksLikePhone && o.PhoneDigits == phoneDigits)
            || (o.RecipientName != null && (o.RecipientName.Contains(term) || o.RecipientName.Replace(" ", "").Replace("　", "").Contains(nameWithoutSpaces)))
            || (o.RecipientNameKana != null && (o.RecipientNameKana.Contains(term) || o.RecipientNameKana.Replace(" ", "").Replace("　", "").Contains(nameWithoutSpaces))));
    }
}
