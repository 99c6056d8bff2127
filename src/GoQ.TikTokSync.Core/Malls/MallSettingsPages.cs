using System.Globalization;

namespace GoQ.TikTokSync.Core.Malls;

/// <summary>Where 操作履歴 rows about a connection link to: its モール詳細設定 page.</summary>
public static class MallSettingsPages
{
    public const string ChooseMallsUrl = "/MallSettings";

    public static string DetailUrl(int connectionId) => "/MallSettings/Details/" + connectionId.ToString(CultureInfo.InvariantCulture);
}
