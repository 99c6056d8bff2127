using System.Net;
using System.Text.RegularExpressions;
using GoQ.TikTokSync.Browser.Tests.Infrastructure;
using GoQ.TikTokSync.Testing.Cluster;

namespace GoQ.TikTokSync.Cluster.Tests;

/// <summary>
/// The app as a new user runs it after `dotnet publish`: Production, embedded SQLite, no emulator. What they see first must
/// work without signing in: the health check, the stylesheets and scripts of the layout, and the first-run setup page.
/// </summary>
public sealed partial class PublishedAppTests : IAsyncLifetime
{
    private AppNode _node = null!;

    public async Task InitializeAsync()
    {
        var folder = await PublishedApp.FolderAsync();
        _node = new AppNode("published", folder, new Dictionary<string, string>
        {
            // Credentials as Partner Center gives them; nothing is called before a shop is authorized.
            ["TikTokShop__AppKey"] = "published-app-key",
            ["TikTokShop__AppSecret"] = "published-app-secret",
            ["TikTokShop__ServiceId"] = "7000000000000000000",
        });
        await _node.StartAsync();
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Published_InProduction_AnswersHealthAndLeadsToSetupWithAnonymousAssets()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _node.BaseAddress };

        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var home = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Setup", home.Headers.Location?.OriginalString);

        var setup = await http.GetStringAsync(new Uri("/Setup", UriKind.Relative));
        Assert.Contains("初期設定", setup, StringComparison.Ordinal);
        var assets = AssetReference().Matches(setup).Select(m => m.Groups["url"].Value).ToList();
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal) && a.Contains("site", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var response = await http.GetAsync(new Uri(asset, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode} to an anonymous request");
        }

        Assert.DoesNotContain("emulator", _node.Process.ReadLog(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Published_SetupAndLoginPages_AreStyled()
    {
        await using var browser = await BrowserSession.LaunchAsync();
        var page = await browser.NewPageAsync(_node.BaseAddress);

        await page.GotoAsync("/");
        await BrowserSession.ExpectAddressAsync(page, "/Setup$");
        await BrowserSession.ExpectStyledAsync(page);
        await BrowserSession.SaveScreenshotAsync(page, "published-first-run-setup");

        // As the operator does: the code the app printed to its console on start.
        var code = SetupCodeLine().Match(_node.Process.ReadLog());
        Assert.True(code.Success, "no first-run setup code in the log:\n" + _node.Process.ReadLog());
        await page.GetByLabel("セットアップコード").FillAsync(code.Groups["code"].Value);
        await page.GetByLabel("表示名").FillAsync("店長");
        await page.GetByLabel("メールアドレス (ログインID)").FillAsync("owner@example.jp");
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync("Owner-Passw0rd!");
        await page.GetByLabel("パスワード (確認)").FillAsync("Owner-Passw0rd!");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "管理者を登録" }).ClickAsync();
        await BrowserSession.ExpectAddressAsync(page, "/$");

        // A colleague's browser, not signed in: the login page the administrator now exists for.
        var colleague = await browser.NewPageAsync(_node.BaseAddress);
        await colleague.GotoAsync("/");
        await BrowserSession.ExpectAddressAsync(colleague, "/Account/Login");
        await BrowserSession.ExpectStyledAsync(colleague);
        await BrowserSession.SaveScreenshotAsync(colleague, "published-login");
        await BrowserSession.SignInAsync(colleague, "owner@example.jp", "Owner-Passw0rd!");
        await Microsoft.Playwright.Assertions.Expect(colleague.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "ホーム" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Published_OnSigterm_StopsCleanly()
    {
        var stopped = await _node.Process.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.True(stopped, "The app was still running 30 s after SIGTERM:\n" + _node.Process.ReadLog());
        Assert.Equal(0, _node.Process.ExitCode);
        Assert.Contains("Application is shutting down", _node.Process.ReadLog(), StringComparison.Ordinal);
    }

    [GeneratedRegex("First-run setup code: \"?(?<code>[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})")]
    private static partial Regex SetupCodeLine();

    [GeneratedRegex("<(?:link[^>]*href|script[^>]*src)=\"(?<url>/[^\"]+)\"")]
    private static partial Regex AssetReference();
}
