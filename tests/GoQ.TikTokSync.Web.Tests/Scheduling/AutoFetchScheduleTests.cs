using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Scheduling;

/// <summary>The recurring fetch's schedule comes from configuration (a test deployment runs it every few seconds).</summary>
public sealed class AutoFetchScheduleTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new() { Settings = new Dictionary<string, string> { ["MallSettings:AutoFetchCron"] = "*/5 * * * * *" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Save_WithAutoFetch_SchedulesTheConfiguredCron()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        var id = await _factory.AddAuthorizedConnectionAsync(admin.Id);
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);

        await FormPosting.PostFormAsync(client, $"/MallSettings/Details/{id}?handler=Save", new Dictionary<string, string>
        {
            ["Input.FetchTikTokStatus"] = "AWAITING_SHIPMENT",
            ["Input.TargetGoqStatus"] = "NewOrder",
            ["Input.FetchDays"] = "7",
            ["Input.AutoFetchEnabled"] = "true",
        });

        using var storage = _factory.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Equal("*/5 * * * * *", Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(storage, [AutoFetchSchedule.JobId(id)]).Single().Cron);
    }

    [Fact]
    public async Task Start_CronThatIsNotACron_FailsValidation()
    {
        await using var factory = new TikTokSyncWebFactory { Settings = new Dictionary<string, string> { ["MallSettings:AutoFetchCron"] = "every ten minutes" } };

        var error = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("AutoFetchCron", error.ToString(), StringComparison.Ordinal);
    }
}
