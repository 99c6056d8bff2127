using System.Security.Cryptography;
using GoQ.TikTokSync.Core.Malls.Authorization;
using GoQ.TikTokSync.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Infrastructure;

/// <summary>
/// The Data Protection key ring lives in the store next to the tokens it protects; a copy of the database alone (a stolen
/// backup) must not be enough to read the TikTok refresh token.
/// </summary>
public sealed class KeyRingProtectionTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _app = new();
    private string _storedRefreshToken = string.Empty;

    public async Task InitializeAsync()
    {
        var admin = await _app.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        var id = await _app.AddAuthorizedConnectionAsync(admin.Id);
        await _app.WithDbAsync(async db => _storedRefreshToken = (await db.MallConnections.SingleAsync(c => c.Id == id)).ProtectedRefreshToken!);
        Assert.False(string.IsNullOrEmpty(_storedRefreshToken));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private TikTokSyncWebFactory SecondInstanceOnTheSameDatabase(IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:SqliteFile"] = Path.Combine(_app.DataDirectory, "goq-tiktoksync.db"),
            ["BackgroundJobs:ServerEnabled"] = "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return new TikTokSyncWebFactory { Settings = settings };
    }

    private static string Unprotect(TikTokSyncWebFactory factory, string protectedToken) =>
        factory.Services.GetRequiredService<ConnectionTokenProtector>().Unprotect(protectedToken);

    [Fact]
    public async Task StoredKeyRing_CopyOfTheDatabaseWithoutTheKeyFile_CannotDecryptTheRefreshToken()
    {
        Assert.False(string.IsNullOrEmpty(Unprotect(_app, _storedRefreshToken)));

        await using var thief = SecondInstanceOnTheSameDatabase();
        Assert.ThrowsAny<CryptographicException>(() => Unprotect(thief, _storedRefreshToken));
    }

    [Fact]
    public async Task StoredKeyRing_SecondNodeSharingTheKeyFile_DecryptsTheRefreshToken()
    {
        await using var node = SecondInstanceOnTheSameDatabase(new Dictionary<string, string>
        {
            ["DataProtection:KeyFilePath"] = Path.Combine(_app.DataDirectory, "dataprotection-keyring.key"),
        });
        Assert.Equal(Unprotect(_app, _storedRefreshToken), Unprotect(node, _storedRefreshToken));
    }

    [Fact]
    public async Task StoredKeyRing_XmlInTheDatabase_HoldsNoPlaintextMasterKey()
    {
        List<string> keys = [];
        await _app.WithDbAsync(async db => keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));
    }

    [Fact]
    public void KeyFile_FirstStart_IsCreatedReadableByTheOwnerOnly()
    {
        var keyFile = Path.Combine(_app.DataDirectory, "dataprotection-keyring.key");
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }
}
