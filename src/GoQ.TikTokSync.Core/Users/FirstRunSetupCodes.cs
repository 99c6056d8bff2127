using System.Security.Cryptography;
using System.Text;

namespace GoQ.TikTokSync.Core.Users;

/// <summary>
/// A one-time setup code printed by an app node that started while no user existed. Only its hash is stored, so the
/// database alone does not reveal it; every node writes its own row, so whichever node's log the operator reads, that
/// code works on every node sharing the store.
/// </summary>
public class SetupCode
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the normalized code, hex. The code carries 60 random bits, so a salted slow hash adds nothing.</summary>
    public string CodeHash { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }
}

/// <summary>
/// The single row that marks "the first administrator was created". Its fixed key makes the database refuse a second
/// one, so two nodes (or two browsers) completing 初期設定 at the same moment cannot both create an administrator.
/// </summary>
public class FirstAdminClaim
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public DateTime ClaimedAtUtc { get; set; }

    public string AdminUserId { get; set; } = string.Empty;
}

public static class SetupCodes
{
    public const int Length = 12;

    // Upper case and digits without O/0 and I/1: read off a console and typed by hand.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A fresh code shown as three groups of four, e.g. <c>K7QX-M2RD-9WTF</c>.</summary>
    public static string Generate()
    {
        var code = RandomNumberGenerator.GetItems<char>(Alphabet, Length);
        return $"{new string(code, 0, 4)}-{new string(code, 4, 4)}-{new string(code, 8, 4)}";
    }

    /// <summary>What the operator typed, as compared: full-width characters folded, separators and spaces dropped, upper case.</summary>
    public static string Normalize(string? typed)
    {
        var folded = (typed ?? string.Empty).Normalize(NormalizationForm.FormKC);
        var kept = new StringBuilder(folded.Length);
        foreach (var c in folded.Where(char.IsLetterOrDigit))
        {
            kept.Append(char.ToUpperInvariant(c));
        }

        return kept.ToString();
    }

    public static string Hash(string? typed) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(typed))));

    /// <summary>Whether a typed code matches a stored hash, compared in constant time.</summary>
    public static bool Matches(string? typed, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(typed)), Encoding.ASCII.GetBytes(storedHash));
}
