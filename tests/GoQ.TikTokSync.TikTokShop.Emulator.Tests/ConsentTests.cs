using System.Net;
using System.Text.RegularExpressions;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>The seller consent pages (operator manual steps 5–7) driven over HTTP, as a browser would.</summary>
public sealed partial class ConsentTests
{
    [Fact]
    public async Task FullConsent_Approve_RedirectsWithACodeThatExchangesForTheChosenPeriod()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var browser = new Browser(emulator.Http);

        var login = await browser.GetAsync($"/open/authorize?service_id={emulator.Options.ServiceId}&state=csrf%2B123");
        Assert.Contains(">ログイン</button>", login, StringComparison.Ordinal);
        var install = await browser.PostAsync("/open/authorize/login", ("login_id", TestEmulator.SellerA), ("password", TestEmulator.Password));
        Assert.Contains(">確認してインストール</button>", install, StringComparison.Ordinal);
        var approve = await browser.PostAsync("/open/authorize/install");
        Assert.Contains("パートナーのアクセス時間", approve, StringComparison.Ordinal);
        foreach (var label in new[] { "無期限", "1年", "6か月", "3か月", "1か月" })
        {
            Assert.Contains($">{label}</label>", approve, StringComparison.Ordinal);
        }

        Assert.Matches("value=\"unlimited\" checked", approve);
        Assert.Contains(">承認</button>", approve, StringComparison.Ordinal);
        Assert.Contains(">拒否</button>", approve, StringComparison.Ordinal);

        var redirect = await browser.PostForRedirectAsync("/open/authorize/decide", ("period", "1y"), ("agree", "on"), ("decision", "approve"));

        Assert.StartsWith(TestEmulator.RedirectUrl + "?", redirect, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri(redirect).Query);
        Assert.Equal("csrf+123", query["state"].ToString());
        var data = (await emulator.ExchangeCodeAsync(query["code"].ToString())).AssertSuccess().Data;
        Assert.Equal(TestEmulator.Start.AddYears(1).ToUnixTimeSeconds(), data.GetProperty("refresh_token_expire_in").GetInt64());
    }

    [Fact]
    public async Task DefaultPeriod_IsUnlimited()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var browser = await Browser.AtApprovalStepAsync(emulator);

        var redirect = await browser.PostForRedirectAsync("/open/authorize/decide", ("period", "unlimited"), ("agree", "on"), ("decision", "approve"));

        var code = QueryHelpers.ParseQuery(new Uri(redirect).Query)["code"].ToString();
        Assert.Equal(4912765591, (await emulator.ExchangeCodeAsync(code)).AssertSuccess().Data.GetProperty("refresh_token_expire_in").GetInt64());
    }

    [Fact]
    public async Task Deny_RedirectsWithAuthDeniedAndStateButNoCode()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var browser = await Browser.AtApprovalStepAsync(emulator, state: "xyz");

        var redirect = await browser.PostForRedirectAsync("/open/authorize/decide", ("period", "unlimited"), ("decision", "deny"));

        var query = QueryHelpers.ParseQuery(new Uri(redirect).Query);
        Assert.Equal("auth_denied", query["error"].ToString());
        Assert.Equal("xyz", query["state"].ToString());
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Approve_WithoutTheAgreementTick_StaysOnThePage()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var browser = await Browser.AtApprovalStepAsync(emulator);

        var (status, page) = await browser.PostRawAsync("/open/authorize/decide", ("period", "1m"), ("decision", "approve"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("チェックボックス", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_ShowsTheLoginPageAgain()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var browser = new Browser(emulator.Http);
        await browser.GetAsync($"/open/authorize?service_id={emulator.Options.ServiceId}&state=s");

        var page = await browser.PostAsync("/open/authorize/login", ("login_id", TestEmulator.SellerA), ("password", "nope"));

        Assert.Contains("正しくありません", page, StringComparison.Ordinal);
        Assert.DoesNotContain("確認してインストール", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownServiceId_ShowsAnErrorPage()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);

        using var response = await emulator.Http.GetAsync("/open/authorize?service_id=123&state=s");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("ログイン</button>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedApprovePost_WithoutTheFlowCookieAndNonce_IsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        await Browser.AtApprovalStepAsync(emulator);
        var attacker = new Browser(emulator.Http);

        var (status, _) = await attacker.PostRawAsync("/open/authorize/decide", ("period", "unlimited"), ("agree", "on"), ("decision", "approve"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task ApprovePost_WithTheCookieButAWrongNonce_IsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var browser = await Browser.AtApprovalStepAsync(emulator);
        browser.Nonce = "00000000000000000000000000000000";

        var (status, _) = await browser.PostRawAsync("/open/authorize/decide", ("period", "unlimited"), ("agree", "on"), ("decision", "approve"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task AppName_IsHtmlEncoded()
    {
        await using var emulator = await TestEmulator.StartAsync(options => options.AppName = "<script>alert(1)</script>", authorize: false);
        var browser = new Browser(emulator.Http);

        var page = await browser.GetAsync($"/open/authorize?service_id={emulator.Options.ServiceId}");

        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"nonce\" value=\"([0-9A-F]+)\"")]
    private static partial Regex NonceField();

    /// <summary>Carries the flow cookie and the form nonce from page to page, like a browser does.</summary>
    private sealed class Browser(HttpClient http)
    {
        private string? _cookie;

        public string? Nonce { get; set; }

        public static async Task<Browser> AtApprovalStepAsync(TestEmulator emulator, string state = "s")
        {
            var browser = new Browser(emulator.Http);
            await browser.GetAsync($"/open/authorize?service_id={emulator.Options.ServiceId}&state={state}");
            await browser.PostAsync("/open/authorize/login", ("login_id", TestEmulator.SellerA), ("password", TestEmulator.Password));
            await browser.PostAsync("/open/authorize/install");
            return browser;
        }

        public async Task<string> GetAsync(string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (_cookie is not null)
            {
                request.Headers.Add("Cookie", _cookie);
            }

            return await ReadPageAsync(request, HttpStatusCode.OK);
        }

        public async Task<string> PostAsync(string url, params (string Name, string Value)[] fields)
        {
            using var request = Form(url, fields);
            return await ReadPageAsync(request, HttpStatusCode.OK);
        }

        public async Task<(HttpStatusCode Status, string Page)> PostRawAsync(string url, params (string Name, string Value)[] fields)
        {
            using var request = Form(url, fields);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task<string> PostForRedirectAsync(string url, params (string Name, string Value)[] fields)
        {
            using var request = Form(url, fields);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.Location!.ToString();
        }

        private HttpRequestMessage Form(string url, (string Name, string Value)[] fields)
        {
            var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
            if (Nonce is not null)
            {
                values.Add(new("nonce", Nonce));
            }

            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(values) };
            if (_cookie is not null)
            {
                request.Headers.Add("Cookie", _cookie);
            }

            return request;
        }

        private async Task<string> ReadPageAsync(HttpRequestMessage request, HttpStatusCode expected)
        {
            using var response = await http.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                _cookie = cookies.First().Split(';')[0];
            }

            var page = await response.Content.ReadAsStringAsync();
            var nonce = NonceField().Match(page);
            if (nonce.Success)
            {
                Nonce = nonce.Groups[1].Value;
            }

            return page;
        }
    }
}
