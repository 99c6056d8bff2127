using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace GoQ.TikTokSync.Core.Import.FetchOrders;

/// <summary>
/// Asks TikTok for the next page while the current one is being stored, one page ahead and no more, so a run waits for
/// the slower of the two instead of both. Pages still come out in TikTok's order; a fetch failure surfaces after the pages
/// fetched before it, exactly where the plain loop would have met it. A stop (cancellation) ends the fetching, and the
/// pages already fetched (two at most) still come out before it surfaces, so a stopped run keeps every page it read.
/// </summary>
internal static class PageReadAhead
{
    public static async IAsyncEnumerable<T> OneAheadAsync<T>(
        Func<CancellationToken, IAsyncEnumerable<T>> fetch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ready = Channel.CreateBounded<T>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stopFetching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetching = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var page in fetch(stopFetching.Token).ConfigureAwait(false))
                    {
                        await ready.Writer.WriteAsync(page, stopFetching.Token).ConfigureAwait(false);
                    }
                }
                finally
                {
                    ready.Writer.TryComplete();
                }
            },
            CancellationToken.None);

        var consumedAll = false;
        try
        {
            // Not the run's token: the fetching stops on it and then closes the buffer, after the pages it already read.
            while (await ready.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (ready.Reader.TryRead(out var page))
                {
                    yield return page;
                }
            }

            consumedAll = true;
        }
        finally
        {
            if (!consumedAll)
            {
                // Storing failed: the page being fetched is not wanted, and its outcome (often a cancellation) must not
                // replace the exception already on its way out.
                await stopFetching.CancelAsync().ConfigureAwait(false);
                await Task.WhenAny(fetching).ConfigureAwait(false);
            }
        }

        await fetching.ConfigureAwait(false);
    }
}
