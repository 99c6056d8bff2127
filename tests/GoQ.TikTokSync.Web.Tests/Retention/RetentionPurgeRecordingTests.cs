using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Retention.Purge;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Retention;

/// <summary>Issue 13: the daily purge of 操作履歴 leaves its own row (count, period) whenever it deleted something.</summary>
public sealed class RetentionPurgeRecordingTests
{
    [Fact]
    public async Task DailyPurge_DeletingOldRows_IsItselfRecordedInOperationHistoryAndShownOnTheScreen()
    {
        await using var factory = new TikTokSyncWebFactory();
        await factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        await factory.WithDbAsync(async db =>
        {
            foreach (var daysAgo in new[] { 400, 380, 10 })
            {
                db.OperationHistory.Add(new OperationHistoryEntry { OccurredAtUtc = DateTime.UtcNow.AddDays(-daysAgo), UserName = "old@example.jp", Kind = OperationKind.NoteEdited, Summary = $"{daysAgo}日前" });
            }

            await db.SaveChangesAsync();
        });

        // The job as Hangfire resolves and runs it, from the app's own services.
        async Task<int> PurgeAsync()
        {
            using var scope = factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<OperationHistoryPurgeJob>().RunAsync(CancellationToken.None);
        }

        Assert.Equal(2, await PurgeAsync());
        Assert.Equal(0, await PurgeAsync());

        var purge = await factory.QueryAsync(db => db.OperationHistory.AsNoTracking().SingleAsync(e => e.Kind == OperationKind.OperationHistoryPurged));
        Assert.Equal("保存期間（365日）を過ぎた操作履歴 2件を削除しました", purge.Summary);
        var admin = factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(admin, TikTokSyncWebFactory.AdminEmail);
        var screen = await admin.GetStringAsync("/OperationHistory");
        Assert.Contains("操作履歴の自動削除", screen, StringComparison.Ordinal);
        Assert.Contains("2件を削除しました", screen, StringComparison.Ordinal);
    }
}
