using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GoQ.TikTokSync.Core.Malls.Authorize;
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
    public async Task Certificate_Configured_EncryptsTheKeyRingWithItAndADatabaseCopyWithoutItCannotDecrypt()
    {
        var folder = Path.Combine(Path.GetTempPath(), "goq-keyring-cert-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var pfx = Path.Combine(folder, "keyring.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=GoQ.TikTokSync key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-Passw0rd"));
        }

        try
        {
            var withCertificate = new Dictionary<string, string> { ["DataProtection:CertificatePath"] = pfx, ["DataProtection:CertificatePassword"] = "pfx-Passw0rd" };
            await using var app = new TikTokSyncWebFactory { Settings = withCertificate };
            var protectedToken = app.Services.GetRequiredService<ConnectionTokenProtector>().Protect("refresh-token-value");
            List<string> keys = [];
            await app.WithDbAsync(async db => keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
            Assert.NotEmpty(keys);
            Assert.All(keys, xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));
            Assert.All(keys, xml => Assert.Contains("X509Data", xml, StringComparison.Ordinal));
            Assert.False(File.Exists(Path.Combine(app.DataDirectory, "dataprotection-keyring.key")), "a key file was created although a certificate is configured");

            await using var thief = new TikTokSyncWebFactory
            {
                Settings = new Dictionary<string, string>
                {
                    ["Database:SqliteFile"] = Path.Combine(app.DataDirectory, "goq-tiktoksync.db"),
                    ["BackgroundJobs:ServerEnabled"] = "false",
                },
            };
            Assert.ThrowsAny<CryptographicException>(() => Unprotect(thief, protectedToken));

            await using var node = new TikTokSyncWebFactory
            {
                Settings = new Dictionary<string, string>(withCertificate)
                {
                    ["Database:SqliteFile"] = Path.Combine(app.DataDirectory, "goq-tiktoksync.db"),
                    ["BackgroundJobs:ServerEnabled"] = "false",
                },
            };
            Assert.Equal("refresh-token-value", Unprotect(node, protectedToken));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
