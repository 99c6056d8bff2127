using System.Globalization;
using System.Text;

namespace GoQ.TikTokSync.Core.OperationHistory;

/// <summary>
/// Collects the changed fields of a settings save as 「項目: 旧 → 新」 lines. Secret fields are recorded as changed or not,
/// never with their values.
/// </summary>
public sealed class SettingsChanges
{
    public const string Masked = "********";

    private readonly List<string> _lines = [];

    public bool Any => _lines.Count > 0;

    public int Count => _lines.Count;

    public SettingsChanges Compare<T>(string label, T oldValue, T newValue, Func<T, string?>? format = null)
    {
        if (EqualityComparer<T>.Default.Equals(oldValue, newValue))
        {
            return this;
        }

        _lines.Add($"{label}: {Show(oldValue, format)} → {Show(newValue, format)}");
        return this;
    }

    public SettingsChanges CompareSecret(string label, string? oldValue, string? newValue)
    {
        if (!string.Equals(oldValue, newValue, StringComparison.Ordinal))
        {
            _lines.Add($"{label}: {(string.IsNullOrEmpty(oldValue) ? "（なし）" : Masked)} → {(string.IsNullOrEmpty(newValue) ? "（なし）" : Masked)}");
        }

        return this;
    }

    public override string ToString() => string.Join('\n', _lines);

    private static string Show<T>(T value, Func<T, string?>? format)
    {
        var text = format is not null ? format(value) : value switch
        {
            null => null,
            bool b => b ? "ON" : "OFF",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return string.IsNullOrEmpty(text) ? "（なし）" : text;
    }
}
