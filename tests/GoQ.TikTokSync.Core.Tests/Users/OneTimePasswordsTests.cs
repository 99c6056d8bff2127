using System.Buffers;
using GoQ.TikTokSync.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Tests.Users;

public sealed class OneTimePasswordsTests
{
    private static readonly SearchValues<char> Ambiguous = SearchValues.Create("0Oo1lI");

    private static UserManager<AppUser> PolicyOnlyUserManager()
    {
        var options = new IdentityOptions();
        UsersSetup.ConfigurePasswordRules(options);
        return new UserManager<AppUser>(
            new Moq.Mock<IUserStore<AppUser>>().Object, Options.Create(options), new PasswordHasher<AppUser>(),
            [], [], new UpperInvariantLookupNormalizer(), new IdentityErrorDescriber(), null!, null!);
    }

    [Fact]
    public async Task Generate_ManyPasswords_AllPassTheSignInPasswordRules()
    {
        using var users = PolicyOnlyUserManager();
        var validator = new PasswordValidator<AppUser>();

        for (var i = 0; i < 500; i++)
        {
            var password = OneTimePasswords.Generate();
            var result = await validator.ValidateAsync(users, new AppUser(), password);
            Assert.True(result.Succeeded, $"{password}: {string.Join(", ", result.Errors.Select(e => e.Code))}");
            Assert.Equal(OneTimePasswords.Length, password.Length);
        }
    }

    [Fact]
    public void Generate_ManyPasswords_NeverUseCharactersPeopleConfuse()
    {
        for (var i = 0; i < 500; i++)
        {
            var password = OneTimePasswords.Generate();
            Assert.True(password.AsSpan().IndexOfAny(Ambiguous) < 0, password);
            Assert.All(password, c => Assert.Contains(c, OneTimePasswords.Alphabet));
        }
    }

    [Fact]
    public void Generate_ManyPasswords_AreAllDifferentAndDoNotStartWithAFixedClassPattern()
    {
        var passwords = Enumerable.Range(0, 500).Select(_ => OneTimePasswords.Generate()).ToList();

        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());

        // The four guaranteed characters are shuffled in: the first character is not always an upper-case letter.
        Assert.Contains(passwords, p => !char.IsUpper(p[0]));
    }

    [Fact]
    public void Alphabet_HasNoAmbiguousCharacters()
    {
        Assert.True(OneTimePasswords.Alphabet.AsSpan().IndexOfAny(Ambiguous) < 0);
    }
}
