using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Testing.Cluster;
using Xunit.Abstractions;

namespace GoQ.TikTokSync.Cluster.Tests;

/// <summary>
/// kill -9 of the node that is doing the work, at a random moment: the other node takes over once the dead node's lease
/// ends, the janitor closes the dead run's 自動処理ログ entry as 中断, and the restarted node joins in. Nothing is stored or
/// shipped twice and nothing is left half done.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    /// <summary>A dead node's entry must be closed within this long of the kill (lease + heartbeat timeout + janitor period).</summary>
    private static readonly TimeSpan InterruptedWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task KillNodeDuringImportOf5000Orders_EveryOrderStoredOnceAndTheRunEndsAsInterrupted()
    {
        var outcome = await ResilienceScenarios.KillDuringImportAsync(5000, output.WriteLine);

        output.WriteLine(outcome.Counts.ToString());
        Assert.Empty(outcome.Counts.Problems());
        var killedRun = Assert.Single(outcome.InterruptedEntries, e => e.StartedAtUtc < outcome.KilledAtUtc);
        Assert.Contains("停止", killedRun.Reason, StringComparison.Ordinal);
        Assert.True(killedRun.FinishedAtUtc - outcome.KilledAtUtc < InterruptedWithin, $"closed {killedRun.FinishedAtUtc - outcome.KilledAtUtc} after the kill");
    }

    [Fact]
    public async Task KillNodeDuringPushOf1000Packages_EveryPackageShippedOnceAndNoneLeftSending()
    {
        var outcome = await ResilienceScenarios.KillDuringPushAsync(1000, output.WriteLine);

        output.WriteLine(outcome.Counts.ToString());
        Assert.Empty(outcome.Counts.Problems());
        var killedRun = Assert.Single(outcome.InterruptedEntries, e => e.Kind == ProcessingKind.Export);
        Assert.Contains("停止", killedRun.Reason, StringComparison.Ordinal);
        Assert.True(killedRun.FinishedAtUtc - outcome.KilledAtUtc < InterruptedWithin, $"closed {killedRun.FinishedAtUtc - outcome.KilledAtUtc} after the kill");
    }
}
