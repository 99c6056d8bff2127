using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using GoQ.TikTokSync.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>
/// Where the key that encrypts the Data Protection key ring comes from. The key ring itself lives in the store next to the
/// tokens it protects, so its own key must not: either a certificate, or a key file outside the database.
/// </summary>
public sealed class KeyRingProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PFX whose key encrypts the key ring (takes precedence over the key file).</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The 256-bit key file (relative paths are under App:DataDirectory). Created with owner-only permissions on first
    /// start when missing. Every node on one database must point at the same file (or a copy of it).
    /// </summary>
    [Required]
    public string KeyFilePath { get; set; } = "dataprotection-keyring.key";
}

public static class KeyRingProtectionSetup
{
    /// <summary>Keys in the store (every node reads what another protected), encrypted with a key the store does not hold.</summary>
    public static IServiceCollection AddProtectedKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KeyRingProtectionOptions>()
            .Bind(configuration.GetSection(KeyRingProtectionOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.CertificatePath) || File.Exists(o.CertificatePath), "DataProtection:CertificatePath does not name an existing file.")
            .ValidateOnStart();

        var builder = services.AddDataProtection()
            .SetApplicationName("GoQ.TikTokSync")
            .PersistKeysToDbContext<TikTokSyncDbContext>();

        var certificatePath = configuration[$"{KeyRingProtectionOptions.SectionName}:{nameof(KeyRingProtectionOptions.CertificatePath)}"];
        if (!string.IsNullOrWhiteSpace(certificatePath) && File.Exists(certificatePath))
        {
            var password = configuration[$"{KeyRingProtectionOptions.SectionName}:{nameof(KeyRingProtectionOptions.CertificatePassword)}"];
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password, X509KeyStorageFlags.EphemeralKeySet);
            // Without the decryption registration the framework would look the certificate up in the machine's store.
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
            return services;
        }

        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<KeyRingProtectionOptions>>().Value;
            return KeyRingFileKey.LoadOrCreate(provider.GetRequiredService<AppDataFolder>().Resolve(options.KeyFilePath));
        });
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlEncryptor = new KeyFileXmlEncryptor(provider.GetRequiredService<KeyRingFileKey>())));
        return services;
    }

    /// <summary>Creates the key file on first start rather than on the first request, so a bad path fails the start.</summary>
    public static void EnsureKeyRingKey(this IServiceProvider services) => _ = services.GetService<KeyRingFileKey>();
}

/// <summary>The 256-bit key of the key file, read once.</summary>
public sealed class KeyRingFileKey
{
    public const int KeyBytes = 32;

    private KeyRingFileKey(byte[] key, string path)
    {
        Key = key;
        Path = path;
        // Lets a node name the file it would need when the key ring was written with another one.
        KeyId = Convert.ToHexString(SHA256.HashData(key).AsSpan(0, 8));
    }

    internal byte[] Key { get; }

    public string Path { get; }

    public string KeyId { get; }

    public static KeyRingFileKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var created = RandomNumberGenerator.GetBytes(KeyBytes);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var stream = new FileStream(path, options);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(created)));
                return new KeyRingFileKey(created, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another node sharing the file created it first: use theirs.
            }
        }

        var text = File.ReadAllText(path).Trim();
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The Data Protection key file {path} is not a base64 key.");
        }

        if (key.Length != KeyBytes)
        {
            throw new InvalidOperationException($"The Data Protection key file {path} must hold a {KeyBytes * 8}-bit key.");
        }

        return new KeyRingFileKey(key, path);
    }
}

/// <summary>AES-256-GCM over each key's XML with the key file's key; the nonce and tag travel with the ciphertext.</summary>
public sealed class KeyFileXmlEncryptor(KeyRingFileKey key) : IXmlEncryptor
{
    public static readonly XName ElementName = "encryptedKeyRingEntry";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagBytes];
        using (var aes = new AesGcm(key.Key, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(key.KeyId));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(
            ElementName,
            new XAttribute("keyId", key.KeyId),
            new XComment(" Encrypted with the key file named by DataProtection:KeyFilePath; the database alone cannot decrypt it. "),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(KeyFileXmlDecryptor));
    }

    internal static byte[] AssociatedData(string keyId) => Encoding.ASCII.GetBytes("GoQ.TikTokSync.KeyRing:" + keyId);

    internal static XElement Decrypt(XElement encryptedElement, KeyRingFileKey key)
    {
        var keyId = (string?)encryptedElement.Attribute("keyId") ?? string.Empty;
        if (!string.Equals(keyId, key.KeyId, StringComparison.Ordinal))
        {
            throw new CryptographicException(
                $"This Data Protection key was encrypted with key file {keyId}, but {key.Path} holds key {key.KeyId}. Every node on one database needs the same key file.");
        }

        var nonce = Convert.FromBase64String((string?)encryptedElement.Element("nonce") ?? string.Empty);
        var tag = Convert.FromBase64String((string?)encryptedElement.Element("tag") ?? string.Empty);
        var ciphertext = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? string.Empty);
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(key.Key, TagBytes))
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData(keyId));
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}

/// <summary>Created by the Data Protection activator with the app's services, hence the service-provider constructor.</summary>
public sealed class KeyFileXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var key = services.GetService<KeyRingFileKey>()
                  ?? throw new CryptographicException("The Data Protection key ring is encrypted with a key file, but no key file is configured (DataProtection:KeyFilePath).");
        return KeyFileXmlEncryptor.Decrypt(encryptedElement, key);
    }
}
