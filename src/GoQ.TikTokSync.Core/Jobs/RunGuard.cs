using System.Data.Common;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.ProcessingLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Jobs;

public enum RunEnd
{
    /// <summary>The work ran to its end (the entry says how it went).</summary>
    Completed,

    /// <summary>An exception ended the work; the entry is 失敗 with the reason.</summary>
    Failed,

    /// <summary>The run's lease was lost; the entry is 中断.</summary>
    Interrupted,
}

/// <summary>
/// Makes a background run's 自動処理ログ entry end finished whatever ends the run: an exception finishes it as 失敗 with a
/// Japanese reason (and is logged with its cause), a lost lease as 中断, the app stopping as 中断 too. Entries left behind
/// by a node that died outright are closed by the janitor instead.
/// </summary>
public sealed partial class RunGuard(IServiceScopeFactory scopes, IOptions<JobOptions> options, TimeProvider time, ILogger<RunGuard> logger)
{
    /// <summary>A keep-alive without a lease, for runs that hold no connection (a push of selected packages).</summary>
    public RunKeepAlive KeepAlive(CancellationToken jobToken) => new(scopes, options.Value, time, logger, null, null, jobToken);

    /// <summary>
    /// Runs the work of entry <paramref name="entryId"/> with <paramref name="alive"/>'s token. On app shutdown the entry is
    /// finished as 中断 and the cancellation rethrown, so that Hangfire sees the job aborted and runs it again after the
    /// restart; a fetch or push then finds its entry finished and does nothing, a webhook sync takes what is left.
    /// </summary>
    public async Task<RunEnd> RunAsync(long entryId, RunKeepAlive alive, Func<CancellationToken, Task> work, CancellationToken jobToken)
    {
        ArgumentNullException.ThrowIfNull(alive);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await work(alive.Token);
            return RunEnd.Completed;
        }
        catch (OperationCanceledException) when (jobToken.IsCancellationRequested)
        {
            LogInterrupted(logger, entryId, "the app is stopping");
            await FinishAsync(entryId, ProcessingResult.Interrupted, RunFailureReasons.AppStopping);
            throw;
        }
        catch (OperationCanceledException) when (alive.LeaseLost)
        {
            LogInterrupted(logger, entryId, "its lease was lost");
            await FinishAsync(entryId, ProcessingResult.Interrupted, RunFailureReasons.LeaseLost);
            return RunEnd.Interrupted;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, entryId, ex.GetType().Name);
            var hold = CredentialProblems.HoldReason(ex);
            if (hold is not null)
            {
                await HoldConnectionAsync(entryId, hold);
            }

            await FinishAsync(entryId, ProcessingResult.Failure, hold ?? RunFailureReasons.Describe(ex));
            return RunEnd.Failed;
        }
    }

    /// <summary>
    /// A credential problem (missing scope, refused token or app key) fails every later call the same way: the entry's
    /// connection waits for 再認証 instead, so the 10-minute job skips it (logged once) rather than failing every run.
    /// </summary>
    private async Task HoldConnectionAsync(long entryId, string reason)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
            var connectionId = await db.ProcessingLogEntries.Where(e => e.Id == entryId).Select(e => e.MallConnectionId).SingleOrDefaultAsync(CancellationToken.None);
            if (connectionId is not { } id || !await CredentialHold.HoldAsync(db, id, reason, time.GetUtcNow().UtcDateTime, CancellationToken.None))
            {
                return;
            }

            LogConnectionHeld(logger, id, entryId);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            LogHoldFailed(logger, ex, entryId);
        }
    }

    /// <summary>Closes an entry the run could not close itself; an entry already finished keeps its own result.</summary>
    private async Task FinishAsync(long entryId, ProcessingResult result, string reason)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            // Not the job's token, which may be the very reason the run stopped; a context of its own, as the run's may be broken.
            await db.ProcessingLogEntries.Where(e => e.Id == entryId && e.FinishedAtUtc == null).ExecuteUpdateAsync(
                set => set.SetProperty(e => e.Result, result).SetProperty(e => e.Reason, reason).SetProperty(e => e.FinishedAtUtc, now),
                CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            // The store itself is failing; once the heartbeat stops the janitor closes the entry.
            LogFinishFailed(logger, ex, entryId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Run of processing-log entry {EntryId} failed with {ExceptionType}; the entry is finished as failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, long entryId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run of processing-log entry {EntryId} interrupted: {Why}")]
    private static partial void LogInterrupted(ILogger logger, long entryId, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {MallConnectionId} held for re-authorization: TikTok refused the credentials or scope of processing-log entry {EntryId}'s run")]
    private static partial void LogConnectionHeld(ILogger logger, int mallConnectionId, long entryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not hold the connection of processing-log entry {EntryId} after a credential refusal")]
    private static partial void LogHoldFailed(ILogger logger, Exception exception, long entryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not finish processing-log entry {EntryId} after its run ended early")]
    private static partial void LogFinishFailed(ILogger logger, Exception exception, long entryId);
}
