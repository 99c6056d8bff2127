using System.Globalization;

namespace GoQ.TikTokSync.Benchmarks;

/// <summary>A two-column table printed as Markdown, so it can be pasted into a report as is.</summary>
internal sealed class ResultTable
{
    private readonly List<(string Metric, string Value)> _rows = [];

    public ResultTable Add(string metric, string value)
    {
        _rows.Add((metric, value));
        return this;
    }

    public ResultTable Add(string metric, long value) => Add(metric, value.ToString("N0", CultureInfo.InvariantCulture));

    public ResultTable Add(string metric, double value, string format) => Add(metric, value.ToString(format, CultureInfo.InvariantCulture));

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N1", CultureInfo.InvariantCulture) + " MiB";

    public void WriteTo(TextWriter writer)
    {
        var metricWidth = Math.Max("metric".Length, _rows.Max(r => r.Metric.Length));
        var valueWidth = Math.Max("value".Length, _rows.Max(r => r.Value.Length));
        writer.WriteLine($"| {"metric".PadRight(metricWidth)} | {"value".PadLeft(valueWidth)} |");
        writer.WriteLine($"|{new string('-', metricWidth + 2)}|{new string('-', valueWidth + 1)}:|");
        foreach (var (metric, value) in _rows)
        {
            writer.WriteLine($"| {metric.PadRight(metricWidth)} | {value.PadLeft(valueWidth)} |");
        }
    }
}
