using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace GoQ.TikTokSync.Testing.OpenApiContract.Tests;

public class OasFileIntegrityTests
{
    private static readonly System.Reflection.Assembly Library = typeof(TikTokShopOpenApi).Assembly;
    private static readonly string Prefix = Library.GetName().Name + ".";

    [Fact]
    public void EmbeddedOasFiles_ChecksumsEqualTheListInReadme()
    {
        var listed = ReadmeChecksums();
        Assert.Equal(8, listed.Count);
        foreach (var (file, expected) in listed)
        {
            using var stream = Library.GetManifestResourceStream(Prefix + "oas." + file.Replace('/', '.'));
            Assert.True(stream is not null, $"oas/{file} is listed in oas/README.md but not embedded.");
            var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            Assert.True(expected == actual, $"oas/{file}: SHA-256 {actual} differs from README's {expected}.");
        }
    }

    [Fact]
    public void EmbeddedOasFiles_AreExactlyTheFilesListedInReadme()
    {
        var listed = ReadmeChecksums().Keys.Select(file => Prefix + "oas." + file.Replace('/', '.')).Order(StringComparer.Ordinal);
        var embedded = Library.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix + "oas.", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(listed, embedded);
    }

    [Fact]
    public void Load_ReadsEveryOperationTheReadmeCounts()
    {
        // oas/README.md: 71 paths, 73 operations over the seven module files.
        Assert.Equal(73, TikTokShopOpenApi.Load().Operations.Count);
    }

    private static Dictionary<string, string> ReadmeChecksums()
    {
        using var stream = Library.GetManifestResourceStream(Prefix + "oas.README.md")
            ?? throw new InvalidOperationException("oas/README.md is not embedded.");
        using var reader = new StreamReader(stream);
        var readme = reader.ReadToEnd();
        return Regex.Matches(readme, @"^(?<hash>[0-9a-f]{64})\s+(?<file>\S+\.json)\s*$", RegexOptions.Multiline)
            .ToDictionary(match => match.Groups["file"].Value, match => match.Groups["hash"].Value, StringComparer.Ordinal);
    }
}
