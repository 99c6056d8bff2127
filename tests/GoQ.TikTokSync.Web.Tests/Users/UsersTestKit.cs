using System.Net;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Users.Administer;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Tests.Users;

/// <summary>Drives ユーザー管理 and the sign-in pages the way a browser does.</summary>
internal static class UsersTestKit
{
    public const string NewPassword = "New-Passw0rd-2026!";

    public static async Task<HttpClient> SignedInClientAsync(TikTokSyncWebFactory factory, string email, string password = TikTokSyncWebFactory.Password)
    {
        var client = factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, email, password);
        return client;
    }

    /// <summary>Posts one of ユーザー管理's forms (token taken from the page, as the browser's form would carry it).</summary>
    public static async Task<HttpResponseMessage> PostUsersAsync(HttpClient client, string handler, IDictionary<string, string> fields, string tokenPage = "/Users")
    {
        var token = await FormPosting.GetAntiforgeryTokenAsync(client, tokenPage);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync("/Users?handler=" + handler, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> AddUserAsync(HttpClient admin, string email, string role, string displayName = "新しい担当者") =>
        PostUsersAsync(admin, "Add", new Dictionary<string, string>
        {
            ["NewUser.DisplayName"] = displayName,
            ["NewUser.Email"] = email,
            ["NewUser.Role"] = role,
        });

    /// <summary>Adds a user through the page and returns the one-time password it showed.</summary>
    public static async Task<string> AddUserAndReadPasswordAsync(HttpClient admin, string email, string role)
    {
        var response = await AddUserAsync(admin, email, role);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return OneTimePasswordIn(await response.Content.ReadAsStringAsync());
    }

    public static string OneTimePasswordIn(string html)
    {
        var password = new HtmlParser().ParseDocument(html).QuerySelector("[data-testid=one-time-password]")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(password), "no one-time password on the page");
        return password!;
    }

    public static string? Text(string html, string testId) =>
        new HtmlParser().ParseDocument(html).QuerySelector($"[data-testid={testId}]")?.TextContent.Trim();

    public static async Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next) =>
        await FormPosting.PostFormAsync(client, "/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        });

    public static async Task<HttpResponseMessage> LogInAsync(TikTokSyncWebFactory factory, string email, string password) =>
        await FormPosting.PostFormAsync(factory.CreateBrowserlessClient(), "/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    public static async Task<AppUser> UserAsync(TikTokSyncWebFactory factory, string email)
    {
        AppUser? user = null;
        await factory.WithDbAsync(async db => user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        return user!;
    }

    public static async Task<List<OperationHistoryEntry>> HistoryAsync(TikTokSyncWebFactory factory)
    {
        List<OperationHistoryEntry> rows = [];
        await factory.WithDbAsync(async db => rows = await db.OperationHistory.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        return rows;
    }

    public static string Location(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) : string.Empty;
}
