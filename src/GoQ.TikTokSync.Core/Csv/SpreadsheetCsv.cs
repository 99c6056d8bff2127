namespace GoQ.TikTokSync.Core.Csv;

/// <summary>CSV cells for files operators open in Excel.</summary>
public static class SpreadsheetCsv
{
    /// <summary>
    /// One quoted field. A value Excel would run as a formula (starting with = + - @, or a tab or carriage return that
    /// can hide one) gets a leading apostrophe so it shows as text.
    /// </summary>
    public static string Cell(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
