using GoQ.TikTokSync.Core.Users;

namespace GoQ.TikTokSync.Core.Tests.Users;

public sealed class UserAdministrationRulesTests
{
    private const string ActorId = "actor";
    private static readonly ManagedUser OtherAdmin = new("other", "other@example.jp", AppRoles.Admin, IsDisabled: false);
    private static readonly ManagedUser Self = new(ActorId, "me@example.jp", AppRoles.Admin, IsDisabled: false);
    private static readonly ManagedUser Operator = new("op", "op@example.jp", AppRoles.Operator, IsDisabled: false);

    [Fact]
    public void RoleChange_DemotingOneself_IsRefusedEvenWithOtherAdmins()
    {
        Assert.Contains("自分自身", UserAdministrationRules.RefuseRoleChange(ActorId, Self, AppRoles.Operator, activeAdminCount: 3), StringComparison.Ordinal);
    }

    [Fact]
    public void RoleChange_DemotingTheLastActiveAdmin_IsRefused()
    {
        Assert.Contains("最後の有効な管理者", UserAdministrationRules.RefuseRoleChange(ActorId, OtherAdmin, AppRoles.Operator, activeAdminCount: 1), StringComparison.Ordinal);
    }

    [Fact]
    public void RoleChange_DemotingAnotherAdminWhileAnotherActiveAdminRemains_IsAllowed()
    {
        Assert.Null(UserAdministrationRules.RefuseRoleChange(ActorId, OtherAdmin, AppRoles.Operator, activeAdminCount: 2));
    }

    [Fact]
    public void RoleChange_DemotingADisabledAdmin_IsAllowedWhateverTheCount()
    {
        // A disabled admin is not one of the active admins, so demoting them removes none.
        Assert.Null(UserAdministrationRules.RefuseRoleChange(ActorId, OtherAdmin with { IsDisabled = true }, AppRoles.Operator, activeAdminCount: 1));
    }

    [Fact]
    public void RoleChange_PromotingAnOperator_IsAllowed()
    {
        Assert.Null(UserAdministrationRules.RefuseRoleChange(ActorId, Operator, AppRoles.Admin, activeAdminCount: 1));
    }

    [Theory]
    [InlineData("Owner")]
    [InlineData("")]
    [InlineData("admin")]
    public void RoleChange_UnknownRole_IsRefused(string role)
    {
        Assert.Equal("権限の指定が正しくありません。", UserAdministrationRules.RefuseRoleChange(ActorId, Operator, role, activeAdminCount: 2));
    }

    [Fact]
    public void RoleChange_ToTheRoleTheUserAlreadyHas_IsRefusedAsNothingToDo()
    {
        Assert.Contains("既にオペレーター", UserAdministrationRules.RefuseRoleChange(ActorId, Operator, AppRoles.Operator, activeAdminCount: 2), StringComparison.Ordinal);
    }

    [Fact]
    public void Disable_Oneself_IsRefused()
    {
        Assert.Contains("自分自身", UserAdministrationRules.RefuseDisable(ActorId, Self, activeAdminCount: 5), StringComparison.Ordinal);
    }

    [Fact]
    public void Disable_TheLastActiveAdmin_IsRefused()
    {
        Assert.Contains("最後の有効な管理者", UserAdministrationRules.RefuseDisable(ActorId, OtherAdmin, activeAdminCount: 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Disable_AnotherAdminWhileAnotherActiveAdminRemains_IsAllowed()
    {
        Assert.Null(UserAdministrationRules.RefuseDisable(ActorId, OtherAdmin, activeAdminCount: 2));
    }

    [Fact]
    public void Disable_AnOperator_IsAllowedEvenWithOneAdmin()
    {
        Assert.Null(UserAdministrationRules.RefuseDisable(ActorId, Operator, activeAdminCount: 1));
    }

    [Fact]
    public void Disable_AnAlreadyDisabledUser_IsRefusedAsNothingToDo()
    {
        Assert.Contains("既に無効", UserAdministrationRules.RefuseDisable(ActorId, Operator with { IsDisabled = true }, activeAdminCount: 2), StringComparison.Ordinal);
    }

    [Fact]
    public void Enable_OnlyADisabledUser()
    {
        Assert.Null(UserAdministrationRules.RefuseEnable(Operator with { IsDisabled = true }));
        Assert.Contains("既に有効", UserAdministrationRules.RefuseEnable(Operator), StringComparison.Ordinal);
    }

    [Fact]
    public void PasswordReset_OfOneself_IsRefusedInFavourOfPasswordChange()
    {
        Assert.Contains("パスワード変更", UserAdministrationRules.RefusePasswordReset(ActorId, Self), StringComparison.Ordinal);
        Assert.Null(UserAdministrationRules.RefusePasswordReset(ActorId, Operator));
    }

    [Fact]
    public void Actor_MustBeAnActiveAdmin()
    {
        Assert.Null(UserAdministrationRules.RefuseActor(Self));
        Assert.NotNull(UserAdministrationRules.RefuseActor(Self with { IsDisabled = true }));
        Assert.NotNull(UserAdministrationRules.RefuseActor(Self with { Role = AppRoles.Operator }));
        Assert.NotNull(UserAdministrationRules.RefuseActor(null));
    }
}
