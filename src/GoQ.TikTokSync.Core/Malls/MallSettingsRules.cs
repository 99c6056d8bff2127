
namespace GoQ.TikTokSync.Core.Malls;

public static class MallSettingsRules
{
    public const int DefaultFetchDays = 7;
    public const int MinFetchDays = 1;
    public const int MaxFetchDays = 30;
}
