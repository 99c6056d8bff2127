using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Orders.EditNote;

public enum NoteOutcome
{
    Saved,
    NotFound,

    /// <summary>Over <see cref="NoteEdit.MaxLength"/> characters: nothing saved.</summary>
    TooLong,

    /// <summary>An import or a push changed the order meanwhile: nothing saved.</summary>
    Conflict,
}

/// <summary>
/// 受注詳細's 備考: the order's note, its own history line and the 操作履歴 row (the note's length and beginning, never
/// the whole text) in one save.
/// </summary>
public sealed class NoteEdit(TikTokSyncDbContext db, OperationHistoryRecorder history, TimeProvider time)
{
    public const int MaxLength = 4000;

    /// <summary>How much of a 備考 the 操作履歴 repeats: enough to recognise it, not a copy of the note.</summary>
    public const int ExcerptLength = 50;

    public async Task<NoteOutcome> SaveAsync(long orderId, string? note, string? userName, CancellationToken cancellationToken)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return NoteOutcome.NotFound;
        }

        if (note is { Length: > MaxLength })
        {
            return NoteOutcome.TooLong;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var oldNote = order.OperatorNote;
        order.OperatorNote = string.IsNullOrWhiteSpace(note) ? null : note;
        order.Touch(now);
        order.RecordHistory(OrderHistoryKind.Edited, "備考を更新", now, userName);
        history.Add(new OperationRecord(
            OperationKind.NoteEdited,
            $"受注 {order.TikTokOrderId} の備考を保存",
            Details(oldNote, order.OperatorNote),
            OrderOperationText.OrderUrl(order.Id),
            [(order.Id, order.TikTokOrderId)]));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return NoteOutcome.Conflict;
        }

        return NoteOutcome.Saved;
    }

    /// <summary>The note's length and its beginning, never the whole text.</summary>
    private static string Details(string? oldNote, string? newNote)
    {
        if (string.Equals(oldNote, newNote, StringComparison.Ordinal))
        {
            return "変更なし";
        }

        var lines = new List<string> { $"文字数: {(oldNote?.Length ?? 0).ToString(CultureInfo.InvariantCulture)} → {(newNote?.Length ?? 0).ToString(CultureInfo.InvariantCulture)}" };
        if (newNote is null)
        {
            lines.Add("備考を削除しました");
        }
        else
        {
            var flat = newNote.ReplaceLineEndings(" ");
            lines.Add("先頭: " + (flat.Length > ExcerptLength ? flat[..ExcerptLength] + "…" : flat));
        }

        return string.Join('\n', lines);
    }
}
