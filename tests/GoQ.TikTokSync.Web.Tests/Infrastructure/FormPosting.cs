using System.Net;
using AngleSharp.Html.Parser;

namespace GoQ.TikTokSync.Web.Tests.Infrastructure;

/// <summary>Posts forms the way a browser does: antiforgery token from the rendered page, cookies kept by the client.</summary>
public static class FormPosting
{
    public static async Task<string> GetAntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        var response = await client.GetAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), $"no antiforgery token on {pageUrl}");
        return token!;
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, IDictionary<string, string> fields)
    {
        var token = await GetAntiforgeryTokenAsync(client, pageUrl);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(pageUrl, new FormUrlEncodedContent(form));
    }

    public static async Task SignInAsync(HttpClient client, string email, string password = TikTokSyncWebFactory.Password)
    {
        var response = await PostFormAsync(client, "/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
