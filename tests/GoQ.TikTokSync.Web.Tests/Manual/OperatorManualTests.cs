using System.Text.RegularExpressions;

namespace GoQ.TikTokSync.Web.Tests.Manual;

/// <summary>
/// docs/manual is the operators' manual: it must reach every screen an operator can open and every screenshot it shows
/// must be in the repository (scripts/update-manual-screenshots.sh copies them from the browser tests).
/// </summary>
public sealed partial class OperatorManualTests
{
    private static readonly string Root = RepositoryRoot();
    private static readonly string ManualFolder = Path.Combine(Root, "docs", "manual");

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GoQ.TikTokSync.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("GoQ.TikTokSync.sln not found above " + AppContext.BaseDirectory);
    }

    private static Dictionary<string, string> Chapters() =>
        Directory.GetFiles(ManualFolder, "*.md").ToDictionary(file => Path.GetFileName(file), File.ReadAllText, StringComparer.Ordinal);

    [GeneratedRegex(@"\]\((?<target>[^)#\s]+\.md)(#[^)]*)?\)")]
    private static partial Regex ChapterLink();

    [GeneratedRegex(@"!\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex ImageLink();

    [GeneratedRegex("ViewData\\[\"Title\"\\] = \"(?<title>[^\"]+)\"")]
    private static partial Regex PageTitle();

    [Fact]
    public void TableOfContents_LinksEveryChapter_AndEveryLinkedChapterExists()
    {
        var chapters = Chapters();
        Assert.True(chapters.ContainsKey("README.md"), "docs/manual/README.md (目次) is missing");

        var linked = ChapterLink().Matches(chapters["README.md"]).Select(m => m.Groups["target"].Value).ToHashSet(StringComparer.Ordinal);
        var broken = linked.Where(target => !chapters.ContainsKey(target)).ToList();
        Assert.True(broken.Count == 0, "目次 links to missing chapters: " + string.Join(", ", broken));
        var unlisted = chapters.Keys.Where(name => name != "README.md" && !linked.Contains(name)).ToList();
        Assert.True(unlisted.Count == 0, "chapters missing from the 目次: " + string.Join(", ", unlisted));
        Assert.True(chapters.Count >= 9, "the manual has fewer chapters than the screens it must cover");
    }

    [Fact]
    public void EveryScreenshotTheManualShows_IsInTheImagesFolder()
    {
        var images = Chapters().Values
            .SelectMany(text => ImageLink().Matches(text).Select(m => m.Groups["target"].Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(images);
        Assert.All(images, image => Assert.StartsWith("images/", image, StringComparison.Ordinal));
        var missing = images.Where(image => !File.Exists(Path.Combine(ManualFolder, image))).ToList();
        Assert.True(missing.Count == 0, "screenshots missing (run scripts/update-manual-screenshots.sh): " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryScreenTitle_IsNamedInTheManual()
    {
        var manual = string.Concat(Chapters().Values);
        var titles = Directory.GetFiles(Path.Combine(Root, "src", "GoQ.TikTokSync.Web", "Pages"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(page => PageTitle().Matches(File.ReadAllText(page)).Select(m => m.Groups["title"].Value.TrimEnd(' ', '-')))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.True(titles.Count >= 20, "fewer screen titles found than the app has: " + string.Join(", ", titles));
        var unnamed = titles.Where(title => !manual.Contains(title, StringComparison.Ordinal)).ToList();
        Assert.True(unnamed.Count == 0, "screens the manual never names: " + string.Join(", ", unnamed));
    }
}
