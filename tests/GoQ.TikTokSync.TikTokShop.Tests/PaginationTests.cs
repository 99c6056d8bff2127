using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.TikTokShop.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Tests;

public sealed class PaginationTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static string Page(string? nextToken, params string[] orderIds) =>
        "{\"orders\":[" + string.Join(',', orderIds.Select(id => $$"""{"id":"{{id}}"}""")) + "]"
        + (nextToken is null ? string.Empty : $",\"next_page_token\":\"{nextToken}\"")
        + ",\"total_count\":5}";

    [Fact]
    public async Task SearchOrders_FollowsPageTokensToTheEnd()
    {
        _host.Handler.Enqueue(_ => Responses.Success(Page("tok+1/a", "1", "2")));
        _host.Handler.Enqueue(_ => Responses.Success(Page("tok+2/b", "3", "4")));
        _host.Handler.Enqueue(_ => Responses.Success(Page("", "5")));

        var ids = new List<string>();
        await foreach (var order in _host.Api.SearchOrdersAsync(_host.Shop, new TikTokOrderSearchRequest()))
        {
            ids.Add(order.Id);
        }

        Assert.Equal(["1", "2", "3", "4", "5"], ids);
        Assert.Equal(new string?[] { null, "tok+1/a", "tok+2/b" }, _host.Handler.Requests.Select(r => r.QueryValue("page_token")).ToArray());
    }

    [Fact]
    public async Task SearchOrders_PageTokenRepeats_StopsWithTypedError()
    {
        _host.Handler.Enqueue(_ => Responses.Success(Page("A", "1")));
        _host.Handler.Enqueue(_ => Responses.Success(Page("B", "2")));
        _host.Handler.Enqueue(_ => Responses.Success(Page("A", "3")));

        var seen = new List<string>();
        var error = await Assert.ThrowsAsync<TikTokShopPageTokenRepeatedException>(async () =>
        {
            await foreach (var order in _host.Api.SearchOrdersAsync(_host.Shop, new TikTokOrderSearchRequest()))
            {
                seen.Add(order.Id);
            }
        });

        Assert.Equal("A", error.PageToken);
        Assert.Equal(["1", "2", "3"], seen);
        Assert.Equal(3, _host.Handler.Requests.Count);
    }

    [Fact]
    public async Task SearchOrderPages_ResumingFromStoredToken_TreatsThatTokenAsSeen()
    {
        _host.Handler.Enqueue(_ => Responses.Success(Page("stored", "9")));

        var pages = new List<TikTokOrderSearchPage>();
        await Assert.ThrowsAsync<TikTokShopPageTokenRepeatedException>(async () =>
        {
            await foreach (var page in _host.Api.SearchOrderPagesAsync(_host.Shop, new TikTokOrderSearchRequest(), startPageToken: "stored"))
            {
                pages.Add(page);
            }
        });

        Assert.Single(pages);
        Assert.Equal("stored", _host.Handler.Requests[0].QueryValue("page_token"));
    }

    [Fact]
    public async Task SearchOrdersPage_ReturnsCursorForCallerToPersist()
    {
        _host.Handler.Enqueue(_ => Responses.Success(Page("next+/=", "1")));

        var page = await _host.Api.SearchOrdersPageAsync(_host.Shop, new TikTokOrderSearchRequest());

        Assert.True(page.HasMorePages);
        Assert.Equal("next+/=", page.NextPageToken);
        Assert.Equal(5, page.TotalCount);
    }
}
