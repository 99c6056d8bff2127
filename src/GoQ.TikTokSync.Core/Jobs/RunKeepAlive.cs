using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoQ.TikTokSync.Core.Jobs;

/// <summary>
/// Held by a running job for as long as it runs. Every <see cref="JobOptions.KeepAliveInterval"/> it beats the heartbeat of
/// the 自動処理ログ entries the job claimed (<see cref="ClaimAsync"/>), so the janitor can tell a live run from one whose node
/// died. With a lease (<see cref="FetchLease"/>) it also renews the connection's lease on the database's clock, and
/// cancels <see cref="Token"/> when the lease turns out to be lost (taken over after a stall, or released by someone
/// else), so the run stops instead of overlapping another. Disposing it stops the beats and releases the lease.
/// </summary>
public sealed partial class RunKeepAlive : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly JobOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int? _mallConnectionId;
    private readonly CancellationTokenSource _lost;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<long> _entries = [];
    private int _disposed;

    internal RunKeepAlive(IServiceScopeFactory scopes, JobOptions options, TimeProvider time, ILogger logger, int? mallConnectionId, string? leaseOwner, CancellationToken jobToken)
    {
        _scopes = scopes;
        _options = options;
        _time = time;
        _logger = logger;
        _mallConnectionId = mallConnectionId;
        LeaseOwner = leaseOwner;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(jobToken);
        Token = _lost.Token;
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    /// <summary>The lease this run holds; null for a run that holds no connection.</summary>
    public string? LeaseOwner { get; }

    /// <summary>The job's own token, also cancelled when the lease is lost: what the run's work must observe.</summary>
    public CancellationToken Token { get; }

    /// <summary>True once a renewal found the lease gone; <see cref="Token"/> is then cancelled.</summary>
    public bool LeaseLost { get; private set; }

    /// <summary>
    /// Takes entry <paramref name="entryId"/> up for this run: true when it was unfinished and no run had taken it yet (its
    /// heartbeat is then beaten from now on), false when it is finished or another copy of the job took it, as when
    /// Hangfire delivers a job a second time while the first copy still runs.
    /// </summary>
    public async Task<bool> ClaimAsync(long entryId, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        var claimed = await db.ProcessingLogEntries
            .Where(e => e.Id == entryId && e.FinishedAtUtc == null && e.HeartbeatAtUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.HeartbeatAtUtc, e => (DateTime?)DateTime.UtcNow), cancellationToken) == 1;
        if (claimed)
        {
            lock (_entries)
            {
                _entries.Add(entryId);
            }
        }

        return claimed;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _loop;
        if (LeaseOwner is not null)
        {
            await ReleaseAsync();
        }

        _lost.Dispose();
        _stop.Dispose();
    }

    private async Task ReleaseAsync()
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
            // Not the job's token: a run stopped by shutdown must still hand the connection back.
            await db.MallConnections
                .Where(c => c.Id == _mallConnectionId && c.FetchLeaseOwner == LeaseOwner)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.FetchLeaseOwner, (string?)null).SetProperty(c => c.FetchLeaseUntilUtc, (DateTime?)null), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The lease then simply runs out after LeaseDuration.
            LogReleaseFailed(_logger, ex, _mallConnectionId);
        }
    }

    private async Task LoopAsync()
    {
        var lastRenewal = _time.GetUtcNow();
        using var timer = new PeriodicTimer(_options.KeepAliveInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    if (!await RenewAsync(_stop.Token))
                    {
                        await LoseAsync("the lease row no longer names this run");
                        return;
                    }

                    lastRenewal = _time.GetUtcNow();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRenewalFailed(_logger, ex, _mallConnectionId);
                    if (LeaseOwner is not null && _time.GetUtcNow() - lastRenewal >= _options.LeaseDuration)
                    {
                        // Another node may already have taken the connection over: this run must not go on beside it.
                        await LoseAsync("no renewal succeeded within the lease duration");
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the run is over.
        }
    }

    /// <summary>One beat: the lease (false when it is no longer ours), then the heartbeat of the run's unfinished entries.</summary>
    private async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        if (LeaseOwner is { } owner)
        {
            var seconds = _options.LeaseDuration.TotalSeconds;
            var renewed = await db.MallConnections
                .Where(c => c.Id == _mallConnectionId && c.FetchLeaseOwner == owner)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.FetchLeaseUntilUtc, c => (DateTime?)DateTime.UtcNow.AddSeconds(seconds)), cancellationToken);
            if (renewed != 1)
            {
                return false;
            }
        }

        long[] entries;
        lock (_entries)
        {
            entries = [.. _entries];
        }

        if (entries.Length > 0)
        {
            await db.ProcessingLogEntries
                .Where(e => entries.Contains(e.Id) && e.FinishedAtUtc == null)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.HeartbeatAtUtc, e => (DateTime?)DateTime.UtcNow), cancellationToken);
        }

        return true;
    }

    private async Task LoseAsync(string why)
    {
        LeaseLost = true;
        LogLeaseLost(_logger, _mallConnectionId, why);
        await _lost.CancelAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetch lease of connection {MallConnectionId} lost ({Why}); the run is being stopped")]
    private static partial void LogLeaseLost(ILogger logger, int? mallConnectionId, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keep-alive of a run (connection {MallConnectionId}) failed to renew its lease or heartbeat; retrying at the next interval")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, int? mallConnectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the fetch lease of connection {MallConnectionId} failed; it expires by itself")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, int? mallConnectionId);
}
