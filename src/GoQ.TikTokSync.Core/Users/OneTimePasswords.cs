using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace GoQ.TikTokSync.Core.Users;

/// <summary>
/// The initial passwords an admin hands to a user (read aloud or typed from a note), so they must satisfy the sign-in
/// password rules and must not contain characters that are easily confused when copied by hand.
/// </summary>
public static class OneTimePasswords
{
    public const int Length = 16;

    // Without O/o/0 and I/l/1: the pairs people mistake for each other on paper and in many Japanese UI fonts.
    internal const string Uppercase = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    internal const string Lowercase = "abcdefghijkmnpqrstuvwxyz";
    internal const string Digits = "23456789";

    // Symbols that need no quoting in a shell, a URL-less chat message or a spreadsheet cell, and look distinct.
    internal const string Symbols = "#$%&*+-=?@";

    internal const string Alphabet = Uppercase + Lowercase + Digits + Symbols;

    /// <summary>
    /// A fresh password from a cryptographic random source with at least one character of each class, so it passes
    /// <see cref="UsersSetup.ConfigurePasswordRules"/> (length, digit, upper, lower, symbol, 4 distinct characters).
    /// </summary>
    public static string Generate()
    {
        Span<char> password = stackalloc char[Length];
        password[0] = RandomNumberGenerator.GetItems<char>(Uppercase, 1)[0];
        password[1] = RandomNumberGenerator.GetItems<char>(Lowercase, 1)[0];
        password[2] = RandomNumberGenerator.GetItems<char>(Digits, 1)[0];
        password[3] = RandomNumberGenerator.GetItems<char>(Symbols, 1)[0];
        RandomNumberGenerator.GetItems<char>(Alphabet, Length - 4).CopyTo(password[4..]);

        // Without the shuffle every password would start upper-lower-digit-symbol, which an attacker could exploit.
        RandomNumberGenerator.Shuffle(password);
        return new string(password);
    }
}

/// <summary>"Users" section: how long a one-time password from ユーザー管理 may be used for the first sign-in.</summary>
public sealed class OneTimePasswordOptions
{
    public const string SectionName = "Users";

    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00", ErrorMessage = "Users:OneTimePasswordLifetime must be between 10 minutes and 30 days.")]
    public TimeSpan OneTimePasswordLifetime { get; set; } = TimeSpan.FromHours(72);
}
