using System.Net;
using System.Text.RegularExpressions;

namespace GoQ.TikTokSync.TikTokShop.IntegrationTests.Support;

/// <summary>
/// Walks the emulator's seller consent pages over real HTTP the way a browser does: cookies kept, hidden form fields
/// posted back, the final redirect read but not followed (it points at the app's callback, which is not running).
/// </summary>
internal sealed partial class ConsentBrowser : IDisposable
{
    private readonly HttpClient _http;

    public ConsentBrowser()
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
    }

    /// <summary>Opens the consent link, logs in, installs, picks the period, ticks the agreement and approves.</summary>
    public async Task<Uri> ApproveAsync(Uri authorizationUrl, string loginId, string password, string period, CancellationToken cancellationToken)
    {
        var page = await ReadPageAsync(await _http.GetAsync(authorizationUrl, cancellationToken), cancellationToken);
        page = await ReadPageAsync(await SubmitAsync(authorizationUrl, page, [new("login_id", loginId), new("password", password)], cancellationToken), cancellationToken);
        page = await ReadPageAsync(await SubmitAsync(authorizationUrl, page, [], cancellationToken), cancellationToken);
        using var decision = await SubmitAsync(authorizationUrl, page, [new("period", period), new("agree", "on"), new("decision", "approve")], cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);
        return decision.Headers.Location ?? throw new InvalidOperationException("The consent page redirected without a Location.");
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SubmitAsync(
        Uri pageUrl, string page, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var action = FormAction().Match(page);
        Assert.True(action.Success, "The page has no form:\n" + page);
        var values = HiddenField().Matches(page)
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .Concat(fields)
            .ToList();
        using var content = new FormUrlEncodedContent(values);
        return await _http.PostAsync(new Uri(pageUrl, WebUtility.HtmlDecode(action.Groups[1].Value)), content, cancellationToken);
    }

    private static async Task<string> ReadPageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var page = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"Consent page answered {(int)response.StatusCode}:\n{page}");
            return page;
        }
    }

    [GeneratedRegex("""<form method="post" action="([^"]+)">""")]
    private static partial Regex FormAction();

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();
}
