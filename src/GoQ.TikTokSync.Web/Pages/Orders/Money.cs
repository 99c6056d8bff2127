using System.Globalization;

namespace GoQ.TikTokSync.Web.Pages.Orders;

/// <summary>How 受注詳細 and 納品書 show an amount: yen sign, thousands separated, no decimals.</summary>
public static class Money
{
    public static string Yen(decimal amount) => amount.ToString("¥#,0", CultureInfo.InvariantCulture);
}
