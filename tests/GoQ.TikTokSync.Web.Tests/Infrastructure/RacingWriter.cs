using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GoQ.TikTokSync.Web.Tests.Infrastructure;

/// <summary>
/// Stands for an import, a push or a token refresh that writes a row between the moment a page handler read it and the
/// moment it saves: armed by a test, it runs the competing write once, just before the next save that modifies a
/// <typeparamref name="TEntity"/>, so the handler's save meets a changed concurrency token as in a real race.
/// </summary>
public sealed class RacingWriter<TEntity> : SaveChangesInterceptor
    where TEntity : class
{
    private Func<Task>? _competingWrite;

    public bool Fired { get; private set; }

    public void BeforeNextSave(Func<Task> competingWrite) => _competingWrite = competingWrite;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (_competingWrite is not null && eventData.Context!.ChangeTracker.Entries<TEntity>().Any(e => e.State == EntityState.Modified))
        {
            var write = Interlocked.Exchange(ref _competingWrite, null);
            if (write is not null)
            {
                await write();
                Fired = true;
            }
        }

        return result;
    }
}
