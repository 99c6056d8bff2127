namespace GoQ.TikTokSync.Core.ProcessingLog;

/// <summary>One run of anything that touches TikTok (自動処理ログ): a fetch, a push, a token refresh, a webhook batch.</summary>
public class ProcessingLogEntry
{
    public long Id { get; set; }

    public ProcessingKind Kind { get; set; }

    public ProcessingTrigger Trigger { get; set; }

    /// <summary>The operator who started a manual run; null for automatic runs.</summary>
    public string? TriggeredBy { get; set; }

    public int? MallConnectionId { get; set; }

    public DateTime StartedAtUtc { get; set; }

    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>
    /// Set on the database's clock when a job takes the entry up, and again every few seconds while the run lasts; null
    /// while the run is still queued. An unfinished entry whose heartbeat stopped belongs to a node that died (the
    /// janitor closes it as 中断).
    /// </summary>
    public DateTime? HeartbeatAtUtc { get; set; }

    public ProcessingResult? Result { get; set; }

    /// <summary>Why a run was skipped or failed, in Japanese for the operator (例: 未認証, 自動取得オフ).</summary>
    public string? Reason { get; set; }

    /// <summary>A manual date-range fetch's window (取得日時 from/to); null for the configured-days fetch.</summary>
    public DateTime? RangeFromUtc { get; set; }

    public DateTime? RangeToUtc { get; set; }

    /// <summary>Reconciliation only: orders the full-window query found that the incremental path had not stored.</summary>
    public int? FoundByReconciliation { get; set; }

    public int PagesFetched { get; set; }

    /// <summary>TikTok's total_count from the first page, for the progress bar.</summary>
    public int? ExpectedOrders { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public int Failed { get; set; }

    public int Skipped { get; set; }

    public List<ProcessingLogItem> Items { get; set; } = [];

    /// <summary>A run that starts now; <paramref name="triggeredBy"/> names the operator of a manual run.</summary>
    public static ProcessingLogEntry Start(
        ProcessingKind kind,
        ProcessingTrigger trigger,
        int? mallConnectionId,
        DateTime nowUtc,
        string? triggeredBy = null,
        DateTime? rangeFromUtc = null,
        DateTime? rangeToUtc = null) =>
        new()
        {
            Kind = kind,
            Trigger = trigger,
            TriggeredBy = triggeredBy,
            MallConnectionId = mallConnectionId,
            StartedAtUtc = nowUtc,
            RangeFromUtc = rangeFromUtc,
            RangeToUtc = rangeToUtc,
        };

    /// <summary>An automatic run that ends as it starts: a skip, a token refresh, a webhook that needed no TikTok call.</summary>
    public static ProcessingLogEntry Instant(ProcessingKind kind, int? mallConnectionId, ProcessingResult result, string? reason, DateTime nowUtc) =>
        Start(kind, ProcessingTrigger.Automatic, mallConnectionId, nowUtc).Finish(result, reason, nowUtc);

    /// <summary>Ends the run. A null <paramref name="reason"/> keeps the one the run wrote on its way (e.g. a webhook batch's counts).</summary>
    public ProcessingLogEntry Finish(ProcessingResult result, string? reason, DateTime nowUtc)
    {
        Result = result;
        Reason = reason ?? Reason;
        FinishedAtUtc = nowUtc;
        return this;
    }
}

/// <summary>A per-order outcome within a run, with TikTok's error details when there was one.</summary>
public class ProcessingLogItem
{
    public long Id { get; set; }

    public long ProcessingLogEntryId { get; set; }

    public string? TikTokOrderId { get; set; }

    public ProcessingItemOutcome Outcome { get; set; }

    public string? Message { get; set; }

    public long? TikTokErrorCode { get; set; }

    public string? TikTokRequestId { get; set; }
}

public enum ProcessingKind
{
    AutoFetch,
    ManualFetch,
    StatusSweep,
    TokenRefresh,
    Export,
    Webhook,
}

public enum ProcessingTrigger
{
    Automatic,
    Manual,
}

public enum ProcessingResult
{
    Success,
    PartialFailure,
    Failure,
    Skipped,

    /// <summary>中断: stopped from outside (app shutdown, a dead node, a lost lease) before it could finish its work.</summary>
    Interrupted,
}

public enum ProcessingItemOutcome
{
    Created,
    Updated,
    Unchanged,
    Failed,
    Pushed,
    Skipped,
}
