using System.Text.Json;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

internal static class OrderPaging
{
    /// <summary>Follows next_page_token to the end; fails on a repeated token so that a loop cannot hang a test.</summary>
    public static async Task<(List<JsonElement> Orders, List<string> Tokens, int TotalCount)> ReadAllAsync(
        TestEmulator emulator, string body = "{}", int pageSize = 50, string? sortField = null, string? sortOrder = null)
    {
        var orders = new List<JsonElement>();
        var tokens = new List<string>();
        string? token = null;
        var total = -1;
        do
        {
            var data = (await emulator.SearchAsync(body, pageSize, token, sortField, sortOrder)).AssertSuccess().Data;
            total = data.GetProperty("total_count").GetInt32();
            orders.AddRange(data.GetProperty("orders").EnumerateArray());
            token = data.GetProperty("next_page_token").GetString();
            if (!string.IsNullOrEmpty(token))
            {
                Assert.DoesNotContain(token, tokens);
                tokens.Add(token);
            }
        }
        while (!string.IsNullOrEmpty(token));

        return (orders, tokens, total);
    }
}
