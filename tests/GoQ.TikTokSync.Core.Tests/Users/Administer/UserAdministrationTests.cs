using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Users.Administer;

namespace GoQ.TikTokSync.Core.Tests.Users.Administer;

public sealed class UserAdministrationTests : IAsyncLifetime
{
    private UserAdminTestHost _host = null!;
    private AppUser _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await UserAdminTestHost.CreateAsync();
        _admin = await _host.CreateUserAsync("admin@example.jp", AppRoles.Admin);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task DemoteAndDisable_OnlyActiveAdminWhileAnotherAdminIsDisabled_AreRefusedAndChangeNothing()
    {
        var disabledAdmin = await _host.CreateUserAsync("disabled@example.jp", AppRoles.Admin, disabled: true);
        var stamp = (await _host.ReloadAsync(_admin)).SecurityStamp;

        var attempts = new[]
        {
            await _host.AsAsync(_admin, a => a.ChangeRoleAsync(_admin.Id, _admin.Id, AppRoles.Operator, CancellationToken.None)),
            await _host.AsAsync(_admin, a => a.DisableAsync(_admin.Id, _admin.Id, CancellationToken.None)),
            await _host.AsAsync(disabledAdmin, a => a.ChangeRoleAsync(disabledAdmin.Id, _admin.Id, AppRoles.Operator, CancellationToken.None)),
            await _host.AsAsync(disabledAdmin, a => a.DisableAsync(disabledAdmin.Id, _admin.Id, CancellationToken.None)),
        };

        Assert.All(attempts, r => Assert.False(r.Succeeded));
        Assert.Equal("この操作は有効な管理者のみ実行できます。", attempts[2].Message);
        Assert.Equal(AppRoles.Admin, await _host.RoleOfAsync(_admin));
        var admin = await _host.ReloadAsync(_admin);
        Assert.False(admin.IsDisabled);
        Assert.Equal(stamp, admin.SecurityStamp);
        Assert.Empty(await _host.HistoryAsync());
    }

    [Fact]
    public async Task AdminDemotedAMomentAgo_StillHoldingAnAdminSession_CannotActAnyMore()
    {
        var second = await _host.CreateUserAsync("second@example.jp", AppRoles.Admin);
        Assert.True((await _host.AsAsync(_admin, a => a.ChangeRoleAsync(_admin.Id, second.Id, AppRoles.Operator, CancellationToken.None))).Succeeded);

        // The page let "second" in on a cookie that still says 管理者; the service checks the store.
        var result = await _host.AsAsync(second, a => a.ChangeRoleAsync(second.Id, _admin.Id, AppRoles.Operator, CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Equal(AppRoles.Admin, await _host.RoleOfAsync(_admin));
    }

    [Fact]
    public async Task ChangeRole_KeepsTheSecurityStampSoTheSessionGetsTheNewRoleInsteadOfEnding()
    {
        var operatorUser = await _host.CreateUserAsync("op@example.jp", AppRoles.Operator);
        var stamp = (await _host.ReloadAsync(operatorUser)).SecurityStamp;

        var result = await _host.AsAsync(_admin, a => a.ChangeRoleAsync(_admin.Id, operatorUser.Id, AppRoles.Admin, CancellationToken.None));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(AppRoles.Admin, await _host.RoleOfAsync(operatorUser));
        Assert.Equal(stamp, (await _host.ReloadAsync(operatorUser)).SecurityStamp);
    }

    [Fact]
    public async Task DemoteAndDisable_AnotherAdminWhileAnotherActiveAdminRemains_Succeed()
    {
        var second = await _host.CreateUserAsync("second@example.jp", AppRoles.Admin);
        var third = await _host.CreateUserAsync("third@example.jp", AppRoles.Admin);

        var demoted = await _host.AsAsync(_admin, a => a.ChangeRoleAsync(_admin.Id, second.Id, AppRoles.Operator, CancellationToken.None));
        var disabled = await _host.AsAsync(_admin, a => a.DisableAsync(_admin.Id, third.Id, CancellationToken.None));

        Assert.True(demoted.Succeeded, demoted.Message);
        Assert.True(disabled.Succeeded, disabled.Message);
        Assert.Equal(AppRoles.Operator, await _host.RoleOfAsync(second));
        Assert.True((await _host.ReloadAsync(third)).IsDisabled);
    }

    [Fact]
    public async Task SelfDemotionAndSelfDisable_AreRefusedEvenWithOtherActiveAdmins()
    {
        await _host.CreateUserAsync("second@example.jp", AppRoles.Admin);

        var demotion = await _host.AsAsync(_admin, a => a.ChangeRoleAsync(_admin.Id, _admin.Id, AppRoles.Operator, CancellationToken.None));
        var disable = await _host.AsAsync(_admin, a => a.DisableAsync(_admin.Id, _admin.Id, CancellationToken.None));

        Assert.Equal("自分自身の権限は変更できません。別の管理者に依頼してください。", demotion.Message);
        Assert.Equal("自分自身を無効にすることはできません。", disable.Message);
        Assert.Equal(AppRoles.Admin, await _host.RoleOfAsync(_admin));
        Assert.False((await _host.ReloadAsync(_admin)).IsDisabled);
        Assert.Empty(await _host.HistoryAsync());
    }

    [Fact]
    public async Task ChangeRole_TwoAdminsDemotingEachOtherAtOnce_LeaveOneActiveAdmin()
    {
        var second = await _host.CreateUserAsync("second@example.jp", AppRoles.Admin);

        for (var round = 0; round < 5; round++)
        {
            var results = await Task.WhenAll(
                Task.Run(() => _host.AsAsync(_admin, a => a.ChangeRoleAsync(_admin.Id, second.Id, AppRoles.Operator, CancellationToken.None))),
                Task.Run(() => _host.AsAsync(second, a => a.ChangeRoleAsync(second.Id, _admin.Id, AppRoles.Operator, CancellationToken.None))));

            Assert.Single(results, r => r.Succeeded);
            var roles = new[] { await _host.RoleOfAsync(_admin), await _host.RoleOfAsync(second) };
            Assert.Single(roles, r => r == AppRoles.Admin);

            // Put the demoted one back for the next round.
            var (remaining, demoted) = roles[0] == AppRoles.Admin ? (_admin, second) : (second, _admin);
            Assert.True((await _host.AsAsync(remaining, a => a.ChangeRoleAsync(remaining.Id, demoted.Id, AppRoles.Admin, CancellationToken.None))).Succeeded);
        }
    }

    [Fact]
    public async Task Add_NewUser_HasOneTimePasswordThatSignsInAndMustBeChanged()
    {
        var result = await _host.AsAsync(_admin, a => a.AddAsync(_admin.Id, new NewUser("山田 花子", " hanako@example.jp ", AppRoles.Operator), CancellationToken.None));

        Assert.True(result.Succeeded, result.Message);
        var password = Assert.IsType<string>(result.OneTimePassword);
        var (user, passwordWorks, role) = await _host.WithUsersAsync(async users =>
        {
            var user = (await users.FindByEmailAsync("hanako@example.jp"))!;
            return (user, await users.CheckPasswordAsync(user, password), (await users.GetRolesAsync(user)).Single());
        });
        Assert.True(passwordWorks);
        Assert.True(user.MustChangePassword);
        Assert.True(user.EmailConfirmed);
        Assert.Equal("山田 花子", user.DisplayName);
        Assert.Equal("hanako@example.jp", user.UserName);
        Assert.Equal(AppRoles.Operator, role);
        Assert.Equal(_host.Time.GetUtcNow().UtcDateTime, user.CreatedAtUtc);
    }

    [Fact]
    public async Task Add_DuplicateEmail_IsRefusedOnTheEmailFieldAndAddsNothing()
    {
        var result = await _host.AsAsync(_admin, a => a.AddAsync(_admin.Id, new NewUser("別人", "ADMIN@example.jp", AppRoles.Operator), CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Equal(UserAdminResult.EmailField, result.Field);
        Assert.Contains("既に登録されています", result.Message, StringComparison.Ordinal);
        Assert.Null(result.OneTimePassword);
        Assert.Equal(1, await _host.WithUsersAsync(users => Task.FromResult(users.Users.Count())));
        Assert.Empty(await _host.HistoryAsync());
    }

    [Theory]
    [InlineData("", "x@example.jp", AppRoles.Operator, UserAdminResult.DisplayNameField)]
    [InlineData("名前", "", AppRoles.Operator, UserAdminResult.EmailField)]
    [InlineData("名前", "not-an-email", AppRoles.Operator, UserAdminResult.EmailField)]
    [InlineData("名前", "x@example.jp", "Owner", UserAdminResult.RoleField)]
    public async Task Add_InvalidInput_IsRefusedOnThatField(string displayName, string email, string role, string field)
    {
        var result = await _host.AsAsync(_admin, a => a.AddAsync(_admin.Id, new NewUser(displayName, email, role), CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Equal(field, result.Field);
        Assert.Equal(1, await _host.WithUsersAsync(users => Task.FromResult(users.Users.Count())));
    }

    [Fact]
    public async Task Add_ByAnOperator_IsRefused()
    {
        var operatorUser = await _host.CreateUserAsync("op@example.jp", AppRoles.Operator);

        var result = await _host.AsAsync(operatorUser, a => a.AddAsync(operatorUser.Id, new NewUser("名前", "new@example.jp", AppRoles.Admin), CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Null(await _host.WithUsersAsync(users => users.FindByEmailAsync("new@example.jp")));
    }

    [Fact]
    public async Task ResetPassword_LockedOutUser_GetsWorkingOneTimePasswordNewStampAndNoLockout()
    {
        var target = await _host.CreateUserAsync("op@example.jp", AppRoles.Operator);
        var before = await _host.WithUsersAsync(async users =>
        {
            var user = (await users.FindByIdAsync(target.Id))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
            return user.SecurityStamp;
        });

        var result = await _host.AsAsync(_admin, a => a.ResetPasswordAsync(_admin.Id, target.Id, CancellationToken.None));

        Assert.True(result.Succeeded, result.Message);
        await _host.WithUsersAsync(async users =>
        {
            var user = (await users.FindByIdAsync(target.Id))!;
            Assert.True(await users.CheckPasswordAsync(user, result.OneTimePassword!));
            Assert.False(await users.CheckPasswordAsync(user, UserAdminTestHost.Password));
            Assert.False(await users.IsLockedOutAsync(user));
            Assert.True(user.MustChangePassword);
            Assert.NotEqual(before, user.SecurityStamp);
            return 0;
        });
    }

    [Fact]
    public async Task DisableAndEnable_RenewTheSecurityStampEachTime()
    {
        var target = await _host.CreateUserAsync("op@example.jp", AppRoles.Operator);
        var stamps = new List<string?> { (await _host.ReloadAsync(target)).SecurityStamp };

        Assert.True((await _host.AsAsync(_admin, a => a.DisableAsync(_admin.Id, target.Id, CancellationToken.None))).Succeeded);
        var disabled = await _host.ReloadAsync(target);
        stamps.Add(disabled.SecurityStamp);
        Assert.Equal(_host.Time.GetUtcNow().UtcDateTime, disabled.DisabledAtUtc);

        Assert.True((await _host.AsAsync(_admin, a => a.EnableAsync(_admin.Id, target.Id, CancellationToken.None))).Succeeded);
        var enabled = await _host.ReloadAsync(target);
        stamps.Add(enabled.SecurityStamp);

        Assert.False(enabled.IsDisabled);
        Assert.Equal(3, stamps.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task EveryAction_WritesExactlyOneHistoryRowNamingActorAndTarget_NeverThePassword()
    {
        var added = await _host.AsAsync(_admin, a => a.AddAsync(_admin.Id, new NewUser("佐藤", "sato@example.jp", AppRoles.Operator), CancellationToken.None));
        var id = added.UserId!;
        var reset = await _host.AsAsync(_admin, a => a.ResetPasswordAsync(_admin.Id, id, CancellationToken.None));
        await _host.AsAsync(_admin, a => a.ChangeRoleAsync(_admin.Id, id, AppRoles.Admin, CancellationToken.None));
        await _host.AsAsync(_admin, a => a.DisableAsync(_admin.Id, id, CancellationToken.None));
        await _host.AsAsync(_admin, a => a.EnableAsync(_admin.Id, id, CancellationToken.None));

        var history = await _host.HistoryAsync();

        Assert.Equal(
            [OperationKind.UserAdded, OperationKind.UserPasswordReset, OperationKind.UserRoleChanged, OperationKind.UserDisabled, OperationKind.UserEnabled],
            history.Select(h => h.Kind));
        Assert.All(history, h =>
        {
            Assert.Equal(_admin.Id, h.UserId);
            Assert.Equal("admin@example.jp", h.UserName);
            Assert.Equal("192.0.2.10", h.IpAddress);
            Assert.Contains("sato@example.jp", h.Summary, StringComparison.Ordinal);
            Assert.Equal("/Users#user-" + id, h.TargetUrl);
            foreach (var password in new[] { added.OneTimePassword!, reset.OneTimePassword! })
            {
                Assert.DoesNotContain(password, h.Summary + h.Details + h.TargetUrl, StringComparison.Ordinal);
            }
        });
        Assert.Equal("sato@example.jp の権限を変更: オペレーター → 管理者", history[2].Summary);
    }
}
