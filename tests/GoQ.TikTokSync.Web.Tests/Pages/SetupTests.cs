using System.Net;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Pages;

public sealed class SetupTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Dictionary<string, string> SetupForm(string email, string password) => new()
    {
        ["Input.DisplayName"] = "管理者",
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    [Fact]
    public async Task AnyPage_NoUserYet_RedirectsToSetup()
    {
        var client = _factory.CreateBrowserlessClient();

        var response = await client.GetAsync("/Orders");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Setup", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Setup_FirstRun_CreatesOneAdminAndThenDisappears()
    {
        var client = _factory.CreateBrowserlessClient();

        var created = await FormPosting.PostFormAsync(client, "/Setup", SetupForm("first@example.jp", "Str0ng-Passw0rd!"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = await users.FindByEmailAsync("first@example.jp");
            Assert.NotNull(admin);
            Assert.True(await users.IsInRoleAsync(admin, AppRoles.Admin));
        }

        var anonymous = _factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Setup")).StatusCode);
    }

    [Fact]
    public async Task Setup_SecondAttemptAfterAdminExists_IsRefusedAndCreatesNothing()
    {
        // A second browser loads the form before the first admin is created and posts it afterwards.
        var second = _factory.CreateBrowserlessClient();
        var staleToken = await FormPosting.GetAntiforgeryTokenAsync(second, "/Setup");
        var first = _factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FormPosting.PostFormAsync(first, "/Setup", SetupForm("first@example.jp", "Str0ng-Passw0rd!"))).StatusCode);

        var form = SetupForm("intruder@example.jp", "Str0ng-Passw0rd!");
        form["__RequestVerificationToken"] = staleToken;
        var response = await second.PostAsync("/Setup", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync("/Setup")).StatusCode);
        await _factory.WithDbAsync(async db => Assert.Equal(1, await db.Users.CountAsync()));
    }

    [Fact]
    public async Task Setup_WeakPassword_ShowsJapaneseMessageAndCreatesNoUser()
    {
        var client = _factory.CreateBrowserlessClient();

        var response = await FormPosting.PostFormAsync(client, "/Setup", SetupForm("first@example.jp", "short"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("パスワードは12文字以上で入力してください。", html, StringComparison.Ordinal);
        await _factory.WithDbAsync(async db => Assert.Equal(0, await db.Users.CountAsync()));
    }
}
