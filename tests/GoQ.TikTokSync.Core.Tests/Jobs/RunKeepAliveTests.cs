using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Tests.Jobs;

/// <summary>A run takes its 自動処理ログ entry up once and beats its heartbeat while it lasts.</summary>
public sealed class RunKeepAliveTests : IAsyncLifetime
{
    private TestStore? _store;
    private ServiceProvider? _services;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private async Task<RunGuard> GuardAsync(DatabaseProvider provider)
    {
        var store = _store = await TestStore.CreateMigratedAsync(provider);
        _services = new ServiceCollection().AddScoped(_ => store.CreateContext()).BuildServiceProvider();
        var options = new JobOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(200) };
        return new RunGuard(_services.GetRequiredService<IServiceScopeFactory>(), Options.Create(options), TimeProvider.System, NullLogger<RunGuard>.Instance);
    }

    private async Task<long> EntryAsync(bool finished = false)
    {
        await using var db = _store!.CreateContext();
        var entry = new ProcessingLogEntry { Kind = ProcessingKind.Export, StartedAtUtc = DateTime.UtcNow, FinishedAtUtc = finished ? DateTime.UtcNow : null };
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }

    private async Task<DateTime?> HeartbeatAsync(long id)
    {
        await using var db = _store!.CreateContext();
        return await db.ProcessingLogEntries.Where(e => e.Id == id).Select(e => e.HeartbeatAtUtc).SingleAsync();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ClaimedEntry_HeartbeatMovesOnWhileTheRunLastsAndStopsAfter(DatabaseProvider provider)
    {
        var guard = await GuardAsync(provider);
        var id = await EntryAsync();
        DateTime? first, later, afterEnd, muchLater;
        await using (var alive = guard.KeepAlive(CancellationToken.None))
        {
            Assert.True(await alive.ClaimAsync(id, CancellationToken.None));
            first = await HeartbeatAsync(id);
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            later = await HeartbeatAsync(id);
        }

        afterEnd = await HeartbeatAsync(id);
        await Task.Delay(TimeSpan.FromSeconds(1));
        muchLater = await HeartbeatAsync(id);

        Assert.NotNull(first);
        Assert.True(later > first, $"heartbeat did not move: {first:O} → {later:O}");
        Assert.Equal(afterEnd, muchLater);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Claim_EntryAlreadyTakenUpOrFinished_IsRefused(DatabaseProvider provider)
    {
        var guard = await GuardAsync(provider);
        var running = await EntryAsync();
        var finished = await EntryAsync(finished: true);
        await using var first = guard.KeepAlive(CancellationToken.None);
        await using var second = guard.KeepAlive(CancellationToken.None);

        Assert.True(await first.ClaimAsync(running, CancellationToken.None));
        // A second delivery of the same job while the first copy still runs.
        Assert.False(await second.ClaimAsync(running, CancellationToken.None));
        Assert.False(await second.ClaimAsync(finished, CancellationToken.None));
    }
}
