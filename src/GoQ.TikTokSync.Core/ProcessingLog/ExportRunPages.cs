using System.Globalization;

namespace GoQ.TikTokSync.Core.ProcessingLog;

/// <summary>Where a push run is followed: the link in 操作履歴 rows and the redirect after starting a push.</summary>
public static class ExportRunPages
{
    public static string Url(long runId) => "/Export/Run/" + runId.ToString(CultureInfo.InvariantCulture);
}
