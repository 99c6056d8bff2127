using System.Runtime.CompilerServices;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using Xunit;

namespace GoQ.TikTokSync.Core.Tests.Import.FetchOrders;

public sealed class PageReadAheadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task OneAheadAsync_WhileAPageIsBeingStored_NextPageIsAlreadyRequested()
    {
        var secondRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<int>();

        await foreach (var page in PageReadAhead.OneAheadAsync(ct => Pages(3, secondRequested, ct), CancellationToken.None))
        {
            if (page == 1)
            {
                // Page 1 is still "being stored": the read-ahead must already be asking for page 2.
                await secondRequested.Task.WaitAsync(Patience);
            }

            seen.Add(page);
        }

        Assert.Equal([1, 2, 3], seen);
    }

    [Fact]
    public async Task OneAheadAsync_FetchFailsAfterTwoPages_BothPagesComeOutBeforeTheFailure()
    {
        var seen = new List<int>();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var page in PageReadAhead.OneAheadAsync(ct => FailAfter(2, ct), CancellationToken.None))
            {
                seen.Add(page);
            }
        });

        Assert.Equal("page 3", failure.Message);
        Assert.Equal([1, 2], seen);
    }

    private static async IAsyncEnumerable<int> Pages(int count, TaskCompletionSource secondRequested, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = 1; page <= count; page++)
        {
            if (page == 2)
            {
                secondRequested.TrySetResult();
            }

            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            yield return page;
        }
    }

    private static async IAsyncEnumerable<int> FailAfter(int pages, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = 1; ; page++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            if (page > pages)
            {
                throw new HttpRequestException($"page {page}");
            }

            yield return page;
        }
    }
}
