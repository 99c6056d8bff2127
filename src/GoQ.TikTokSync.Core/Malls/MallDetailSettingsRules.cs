using System.Globalization;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Malls;

/// <summary>Validation of the モール詳細設定 fields, with the messages shown next to each field.</summary>
public static class MallDetailSettingsRules
{
    public sealed record Result(
        TikTokOrderStatus? FetchTikTokStatus,
        GoqOrderStatus? TargetGoqStatus,
        int? FetchDays,
        IReadOnlyList<(string Field, string Message)> Errors);

    public static Result Validate(string? fetchTikTokStatus, string? targetGoqStatus, string? fetchDays, MallSettingsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<(string, string)>();

        TikTokOrderStatus? status = null;
        if (fetchTikTokStatus is not null && TikTokStatusLabels.IsFetchable(new TikTokOrderStatus(fetchTikTokStatus)))
        {
            status = new TikTokOrderStatus(fetchTikTokStatus);
        }
        else
        {
            errors.Add(("FetchTikTokStatus", "TikTok Shop 取得ステータスを一覧から選択してください。"));
        }

        GoqOrderStatus? target = null;
        if (Enum.TryParse<GoqOrderStatus>(targetGoqStatus, ignoreCase: false, out var parsedTarget) && Enum.IsDefined(parsedTarget)
            && !int.TryParse(targetGoqStatus, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            target = parsedTarget;
        }
        else
        {
            errors.Add(("TargetGoqStatus", "受注格納先ステータスを一覧から選択してください。"));
        }

        int? days = null;
        var rangeMessage = string.Format(CultureInfo.InvariantCulture, "受注を取得する日数は{0}〜{1}の整数（日数）で入力してください。", limits.MinFetchDays, limits.MaxFetchDays);
        var text = fetchDays?.Trim().Normalize(System.Text.NormalizationForm.FormKC);
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(("FetchDays", "受注を取得する日数を入力してください。" + rangeMessage));
        }
        else if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedDays)
            || parsedDays < limits.MinFetchDays || parsedDays > limits.MaxFetchDays)
        {
            errors.Add(("FetchDays", rangeMessage));
        }
        else
        {
            days = parsedDays;
        }

        return new Result(status, target, days, errors);
    }
}
