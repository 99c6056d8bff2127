using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Retention.Purge;
using GoQ.TikTokSync.Core.Tests.Data;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Core.Tests.Retention.Purge;

public sealed class ProcessingLogPurgeTests
{
    [Fact]
    public async Task RunAsync_DeletesRunsOlderThanRetentionWithTheirItems_KeepsNewerOnes()
    {
        await using var store = await TestStore.CreateMigratedAsync();
        var now = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        await using (var db = store.CreateContext())
        {
            db.ProcessingLogEntries.Add(new ProcessingLogEntry { StartedAtUtc = now.UtcDateTime.AddDays(-91), Items = [new ProcessingLogItem { TikTokOrderId = "old" }] });
            db.ProcessingLogEntries.Add(new ProcessingLogEntry { StartedAtUtc = now.UtcDateTime.AddDays(-89), Items = [new ProcessingLogItem { TikTokOrderId = "new" }] });
            await db.SaveChangesAsync();
        }

        await using (var db = store.CreateContext())
        {
            var deleted = await new ProcessingLogPurgeJob(db, new FakeTimeProvider(now), new RetentionPolicy(db, Options.Create(new OperationHistoryOptions()), Options.Create(new ProcessingLogOptions { RetentionDays = 90 }))).RunAsync(CancellationToken.None);
            Assert.Equal(1, deleted);
        }

        await using var check = store.CreateContext();
        Assert.Equal(["new"], await check.ProcessingLogItems.Select(i => i.TikTokOrderId).ToListAsync());
        Assert.Equal(1, await check.ProcessingLogEntries.CountAsync());
    }
}
