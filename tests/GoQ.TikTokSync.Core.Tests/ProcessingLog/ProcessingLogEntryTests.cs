using GoQ.TikTokSync.Core.ProcessingLog;

namespace GoQ.TikTokSync.Core.Tests.ProcessingLog;

public sealed class ProcessingLogEntryTests
{
    private static readonly DateTime Started = new(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Ended = Started.AddMinutes(3);

    [Fact]
    public void Start_ManualRun_CarriesOperatorAndWindowAndIsUnfinished()
    {
        var entry = ProcessingLogEntry.Start(ProcessingKind.ManualFetch, ProcessingTrigger.Manual, 7, Started, "operator", Started.AddDays(-1), Started);

        Assert.Equal(ProcessingKind.ManualFetch, entry.Kind);
        Assert.Equal(ProcessingTrigger.Manual, entry.Trigger);
        Assert.Equal("operator", entry.TriggeredBy);
        Assert.Equal(7, entry.MallConnectionId);
        Assert.Equal(Started, entry.StartedAtUtc);
        Assert.Equal(Started.AddDays(-1), entry.RangeFromUtc);
        Assert.Equal(Started, entry.RangeToUtc);
        Assert.Null(entry.FinishedAtUtc);
        Assert.Null(entry.Result);
    }

    [Fact]
    public void Finish_WithReason_SetsResultReasonAndTime()
    {
        var entry = ProcessingLogEntry.Start(ProcessingKind.AutoFetch, ProcessingTrigger.Automatic, 1, Started);

        var finished = entry.Finish(ProcessingResult.Skipped, "未認証", Ended);

        Assert.Same(entry, finished);
        Assert.Equal(ProcessingResult.Skipped, entry.Result);
        Assert.Equal("未認証", entry.Reason);
        Assert.Equal(Ended, entry.FinishedAtUtc);
        Assert.Equal(Started, entry.StartedAtUtc);
    }

    [Fact]
    public void Finish_WithoutReason_KeepsTheReasonTheRunWrote()
    {
        var entry = ProcessingLogEntry.Start(ProcessingKind.Webhook, ProcessingTrigger.Automatic, 1, Started);
        entry.Reason = "通知 3件 / 受注 2件";

        entry.Finish(ProcessingResult.Success, null, Ended);

        Assert.Equal("通知 3件 / 受注 2件", entry.Reason);
        Assert.Equal(ProcessingResult.Success, entry.Result);
    }

    [Fact]
    public void Instant_AutomaticRun_StartsAndFinishesAtTheSameMoment()
    {
        var entry = ProcessingLogEntry.Instant(ProcessingKind.TokenRefresh, 4, ProcessingResult.Failure, "トークン更新失敗", Started);

        Assert.Equal(ProcessingTrigger.Automatic, entry.Trigger);
        Assert.Null(entry.TriggeredBy);
        Assert.Equal(Started, entry.StartedAtUtc);
        Assert.Equal(Started, entry.FinishedAtUtc);
        Assert.Equal(ProcessingResult.Failure, entry.Result);
        Assert.Equal("トークン更新失敗", entry.Reason);
    }
}
