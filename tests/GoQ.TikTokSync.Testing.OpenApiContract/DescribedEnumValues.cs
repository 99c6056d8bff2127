using System.Text.RegularExpressions;

namespace GoQ.TikTokSync.Testing.OpenApiContract;

/// <summary>
/// The TikTok Shop OAS never uses the <c>enum</c> keyword: closed value sets are written in the <c>description</c> prose.
/// This reads them back, with two deliberately narrow rules (anything else stays an unconstrained string):
/// <list type="number">
/// <item>A line ending in "Possible values:" or "Available values:" followed directly by bullet lines
/// <c>- `VALUE`...</c> or <c>- VALUE: ...</c>; the list ends at the first line that is not such a bullet.</item>
/// <item>Otherwise, bullet lines of the form <c>- `CONSTANT`</c> where CONSTANT is upper-case snake case
/// (e.g. <c>- `HOME_DELIVERY`: not a PUDO location</c>); all such bullets of the description together form the set.</item>
/// </list>
/// Where the prose is wrong or incomplete, <see cref="KnownOasQuirks"/> records the exception.
/// </summary>
internal static partial class DescribedEnumValues
{
    public static IReadOnlyList<string> Parse(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return [];
        }

        var lines = description.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var headed = ParseHeadedList(lines);
        return headed.Count > 0 ? headed : ParseConstantBullets(lines);
    }

    private static List<string> ParseHeadedList(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (!HeaderLine().IsMatch(lines[i]))
            {
                continue;
            }

            var values = new List<string>();
            for (var j = i + 1; j < lines.Length; j++)
            {
                var quoted = QuotedBullet().Match(lines[j]);
                var bare = quoted.Success ? quoted : BareConstantBullet().Match(lines[j]);
                if (!bare.Success)
                {
                    break;
                }

                AddDistinct(values, bare.Groups["value"].Value);
            }

            if (values.Count > 0)
            {
                return values;
            }
        }

        return [];
    }

    private static List<string> ParseConstantBullets(string[] lines)
    {
        var values = new List<string>();
        foreach (var line in lines)
        {
            var match = QuotedBullet().Match(line);
            if (match.Success && ConstantName().IsMatch(match.Groups["value"].Value))
            {
                AddDistinct(values, match.Groups["value"].Value);
            }
        }

        return values;
    }

    private static void AddDistinct(List<string> values, string value)
    {
        if (!values.Contains(value, StringComparer.Ordinal))
        {
            values.Add(value);
        }
    }

    [GeneratedRegex(@"(?:possible|available) values:\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^\s*-\s*`(?<value>[^`]+)`", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedBullet();

    [GeneratedRegex(@"^\s*-\s*(?<value>[A-Z0-9][A-Z0-9_]*)\s*(?::|$)", RegexOptions.CultureInvariant)]
    private static partial Regex BareConstantBullet();

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ConstantName();
}
