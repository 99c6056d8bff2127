using System.Net;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Malls.ChangeSettings;

/// <summary>モール詳細設定: validation of every field, all-or-nothing saves, admin-only changes, the 10-minute job follows 自動取得.</summary>
public sealed class ConnectionPageTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new();
    private string _adminId = string.Empty;

    public async Task InitializeAsync()
    {
        _adminId = (await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin)).Id;
        await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Dictionary<string, string> Form(string days, bool autoFetch = false, string? status = null, string target = nameof(GoqOrderStatus.NewOrder))
    {
        var form = new Dictionary<string, string>
        {
            ["Input.FetchTikTokStatus"] = status ?? TikTokOrderStatus.AwaitingShipment.Value,
            ["Input.TargetGoqStatus"] = target,
            ["Input.FetchDays"] = days,
        };
        if (autoFetch)
        {
            form["Input.AutoFetchEnabled"] = "true";
        }

        return form;
    }

    private async Task<HttpResponseMessage> SaveAsync(int id, Dictionary<string, string> form, string email = TikTokSyncWebFactory.AdminEmail)
    {
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, email);
        return await FormPosting.PostFormAsync(client, $"/MallSettings/Details/{id}?handler=Save", form);
    }

    private bool HasRecurringJob(int id)
    {
        using var connection = _factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs([AutoFetchSchedule.JobId(id)]).Any(j => !j.Removed);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("31")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("7.5")]
    public async Task Save_DaysOutsideOneToThirty_ShowsJapaneseMessageAndSavesNothing(string days)
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);

        var response = await SaveAsync(id, Form(days, autoFetch: true, target: nameof(GoqOrderStatus.OnHold)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("受注を取得する日数は1〜30の整数（日数）で入力してください。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var connection = await _factory.ConnectionAsync(id);
        Assert.Equal(7, connection.FetchDays);
        Assert.Equal(GoqOrderStatus.NewOrder, connection.TargetGoqStatus);
        Assert.False(connection.AutoFetchEnabled);
        Assert.False(HasRecurringJob(id));
    }

    // The form posts TikTok's status string, so the rows carry the string (which also keeps each row a test case of its own).
    public static TheoryData<string, string, string> StatusesNotInTheLists { get; } = new()
    {
        { "INVENTED_STATUS", nameof(GoqOrderStatus.NewOrder), "TikTok Shop 取得ステータスを一覧から選択してください。" },
        { TikTokOrderStatus.AwaitingShipment.Value, "Everything", "受注格納先ステータスを一覧から選択してください。" },
        { TikTokOrderStatus.AwaitingShipment.Value, "3", "受注格納先ステータスを一覧から選択してください。" },
    };

    [Theory]
    [MemberData(nameof(StatusesNotInTheLists))]
    public async Task Save_StatusNotInTheLists_IsRefusedWithMessage(string status, string target, string message)
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);

        var response = await SaveAsync(id, Form("10", status: status, target: target));

        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(7, (await _factory.ConnectionAsync(id)).FetchDays);
    }

    [Fact]
    public async Task Save_WithoutShop_IsRefusedWithShopMessage()
    {
        var id = await _factory.AddConnectionAsync();

        var response = await SaveAsync(id, Form("7"));

        Assert.Contains("ショップを選択してください。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ValidSettingsWithAutoFetch_SavesGoesToImportAndSchedulesTheTenMinuteJob()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);

        var response = await SaveAsync(id, Form("１４", autoFetch: true, status: TikTokOrderStatus.OnHold.Value, target: nameof(GoqOrderStatus.AwaitingShipment)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Import?connection={id}", response.Headers.Location!.OriginalString);
        var connection = await _factory.ConnectionAsync(id);
        Assert.Equal(14, connection.FetchDays);
        Assert.Equal(TikTokOrderStatus.OnHold, connection.FetchTikTokStatus);
        Assert.Equal(GoqOrderStatus.AwaitingShipment, connection.TargetGoqStatus);
        Assert.True(HasRecurringJob(id));
        Assert.Equal("*/10 * * * *", RecurringJobCron(id));

        await SaveAsync(id, Form("14", autoFetch: false));

        Assert.False(HasRecurringJob(id));
    }

    private string? RecurringJobCron(int id)
    {
        using var connection = _factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs([AutoFetchSchedule.JobId(id)]).SingleOrDefault()?.Cron;
    }

    [Fact]
    public async Task Save_ByOperator_IsSentToAccessDeniedAndChangesNothing()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);

        var response = await SaveAsync(id, Form("3"), TikTokSyncWebFactory.OperatorEmail);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(7, (await _factory.ConnectionAsync(id)).FetchDays);
    }

    [Fact]
    public async Task ConnectionPage_ForOperator_IsReadOnly()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.OperatorEmail);

        var html = await (await client.GetAsync($"/MallSettings/Details/{id}")).Content.ReadAsStringAsync();

        Assert.Contains("設定の変更は管理者のみ行えます。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("設定を保存して次へ進む", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionPage_NeverShowsTokens()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var token = await _factory.Services.GetRequiredService<ConnectionTokens>().GetAccessTokenAsync(id, CancellationToken.None);
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);

        var html = await (await client.GetAsync($"/MallSettings/Details/{id}")).Content.ReadAsStringAsync();

        Assert.Contains("認証済", html, StringComparison.Ordinal);
        Assert.DoesNotContain(token, html, StringComparison.Ordinal);
    }
}
