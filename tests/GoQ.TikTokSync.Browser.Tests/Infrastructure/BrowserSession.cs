using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GoQ.TikTokSync.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright's bundled driver (no browser download: `playwright install` cannot work offline).
/// Playwright gives every launch a fresh, empty profile. The flags keep Chromium from reaching for Google's services, which this machine's closed network refuses.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPathVariable = "CHROMIUM_PATH";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<BrowserSession> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ChromiumPathVariable) ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}: install Debian's chromium package (.ci/run does) or set {ChromiumPathVariable}.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--lang=ja-JP",
            ],
        });
        return new BrowserSession(playwright, browser);
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Signs in through the login form and returns once the browser has left it: a test that navigates while the login POST
    /// is still in flight cancels that navigation, and the journey then depends on how far the POST got.
    /// </summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(LoginPage());
    }

    /// <summary>
    /// The page has its stylesheets: Bootstrap's primary button colour and the font family only site.css sets. Text checks
    /// alone pass on an unstyled page (as the sign-in and setup pages once were, when their CSS answered 401).
    /// </summary>
    public static async Task ExpectStyledAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("button.btn-primary").First).ToHaveCSSAsync("background-color", "rgb(13, 110, 253)");
        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("font-family", new Regex("Noto Sans JP"));
    }

    /// <summary>
    /// Waits until the address matches; unlike IPage.WaitForURLAsync it does not also wait for the page's load event,
    /// which Playwright can miss when it fired between the URL change and the wait starting.
    /// </summary>
    public static Task ExpectAddressAsync(IPage page, string pathPattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(pathPattern));

    /// <summary>Screenshots are test artifacts under artifacts/screenshots at the repository root.</summary>
    public static async Task<string> SaveScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    [GeneratedRegex("/Account/Login")]
    private static partial Regex LoginPage();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GoQ.TikTokSync.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Path.GetTempPath();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
