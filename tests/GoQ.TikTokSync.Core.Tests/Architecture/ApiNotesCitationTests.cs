using System.Text.RegularExpressions;

namespace GoQ.TikTokSync.Core.Tests.Architecture;

/// <summary>
/// TikTok facts are cited from the project's own API notes (docs/tiktok-shop-api.md), Japanese operating facts from
/// docs/japanese-operations.md, both by heading anchor. These tests keep the citations pointing inside the repository
/// and at headings that exist.
/// </summary>
public sealed partial class ApiNotesCitationTests
{
    private const string ApiNotes = "docs/tiktok-shop-api.md";
    private static readonly string Root = RepositoryRoot();
    private static readonly string[] TextExtensions = [".cs", ".md", ".json", ".cshtml", ".csproj", ".props", ".yml"];

    [Fact]
    public void SourcesAndTests_CiteNoSectionNumbersAndNothingOutsideTheRepository()
    {
        var offenders = ProjectTextFiles()
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (File: file, Line: index + 1, Text: line)))
            .Where(entry => entry.Text.Contains("md §", StringComparison.Ordinal)
                || entry.Text.Contains("operator-domain", StringComparison.Ordinal)
                || entry.Text.Contains("../shared", StringComparison.Ordinal)
                || entry.Text.Contains("/work/shared", StringComparison.Ordinal))
            .Select(entry => $"{Path.GetRelativePath(Root, entry.File)}:{entry.Line}: {entry.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Cite docs/tiktok-shop-api.md#anchor or docs/japanese-operations.md#anchor instead:" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
    }

    [Theory]
    [InlineData("docs/tiktok-shop-api.md")]
    [InlineData("docs/japanese-operations.md")]
    public void EveryCitedAnchor_IsAHeadingOfTheNotes(string notes)
    {
        var headings = HeadingAnchors(File.ReadAllLines(Path.Combine(Root, notes)));
        var citation = new Regex(Regex.Escape(notes) + "#(?<anchor>[a-z0-9_-]+)");
        var cited = ProjectTextFiles()
            .SelectMany(file => citation.Matches(File.ReadAllText(file)).Select(match => (File: file, Anchor: match.Groups["anchor"].Value)))
            .ToList();

        var missing = cited.Where(entry => !headings.Contains(entry.Anchor))
            .Select(entry => $"{Path.GetRelativePath(Root, entry.File)}: #{entry.Anchor}")
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(cited);
        Assert.True(missing.Count == 0, "Anchors without a heading in " + notes + ":" + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void ApiNotes_InternalLinksPointAtHeadings()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, ApiNotes));
        var headings = HeadingAnchors(lines);

        var missing = lines.SelectMany(line => InternalLink().Matches(line).Select(match => match.Groups["anchor"].Value))
            .Where(anchor => !headings.Contains(anchor))
            .ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("## Mark Package As Shipped", "mark-package-as-shipped")]
    [InlineData("### JP fulfilment flow", "jp-fulfilment-flow")]
    [InlineData("## Order search", "order-search")]
    public void HeadingAnchors_FollowGitHubSlugs(string heading, string anchor)
    {
        Assert.Contains(anchor, HeadingAnchors([heading]));
    }

    // GitHub's rule: lower case, punctuation dropped, spaces become hyphens.
    private static HashSet<string> HeadingAnchors(IEnumerable<string> lines) =>
        lines.Where(line => line.StartsWith('#'))
            .Select(line => line.TrimStart('#').Trim().ToLowerInvariant())
            .Select(text => new string(text.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray()).Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> ProjectTextFiles() =>
        new[] { "src", "tests", "docs" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*", SearchOption.AllDirectories))
            .Append(Path.Combine(Root, "README.md"))
            .Where(file => TextExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Where(file => !IsBuildOutput(file))
            .Where(file => !string.Equals(Path.GetFileName(file), "ApiNotesCitationTests.cs", StringComparison.Ordinal));

    private static bool IsBuildOutput(string file)
    {
        var parts = Path.GetRelativePath(Root, file).Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj") || parts.Contains("node_modules");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GoQ.TikTokSync.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("GoQ.TikTokSync.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\]\(#(?<anchor>[a-z0-9_-]+)\)")]
    private static partial Regex InternalLink();
}
