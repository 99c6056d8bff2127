using System.Net;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Retention;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Tests.Retention;

/// <summary>
/// 各種設定 › 保存期間: admins save, operators are refused, and a save writes exactly one 操作履歴 row. Only
/// <see cref="Save_Admin_UpsertsTheSingleRowAndWritesOneHistoryRowPerSave"/> changes the settings, so the tests share one app.
/// </summary>
public sealed class RetentionSettingsPageTests(RetentionSettingsPageTests.SignedIn app) : IClassFixture<RetentionSettingsPageTests.SignedIn>
{
    private const string Page = "/Settings/Retention";

    public sealed class SignedIn : IAsyncLifetime
    {
        public TikTokSyncWebFactory Factory { get; } = new();

        public HttpClient Admin { get; private set; } = null!;

        public HttpClient Operator { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
            await Factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
            Admin = Factory.CreateBrowserlessClient();
            await FormPosting.SignInAsync(Admin, TikTokSyncWebFactory.AdminEmail);
            Operator = Factory.CreateBrowserlessClient();
            await FormPosting.SignInAsync(Operator, TikTokSyncWebFactory.OperatorEmail);
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private Task<HttpResponseMessage> SaveAsync(string historyDays, string logDays) =>
        FormPosting.PostFormAsync(app.Admin, Page, new Dictionary<string, string>
        {
            ["OperationHistoryDays"] = historyDays,
            ["ProcessingLogDays"] = logDays,
        });

    private Task<List<OperationHistoryEntry>> HistoryAsync() =>
        app.Factory.QueryAsync(db => db.OperationHistory.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    private Task<List<RetentionSettings>> SettingsAsync() =>
        app.Factory.QueryAsync(db => db.RetentionSettings.AsNoTracking().ToListAsync());

    private async Task<(string? History, string? Log)> ShownValuesAsync()
    {
        var page = new HtmlParser().ParseDocument(await app.Admin.GetStringAsync(Page));
        return (page.QuerySelector("#OperationHistoryDays")!.GetAttribute("value"), page.QuerySelector("#ProcessingLogDays")!.GetAttribute("value"));
    }

    [Fact]
    public async Task DailyPurges_AreScheduledAtTheJstTimesThePageShows()
    {
        var page = await app.Admin.GetStringAsync(Page);
        using var connection = Hangfire.JobStorage.Current.GetConnection();
        var jobs = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).ToDictionary(j => j.Id);

        Assert.Equal("50 4 * * *", jobs["operation-history-purge"].Cron);
        Assert.Equal("40 4 * * *", jobs["processing-log-purge"].Cron);
        Assert.Equal(TimeSpan.FromHours(9), TimeZoneInfo.FindSystemTimeZoneById(jobs["operation-history-purge"].TimeZoneId).BaseUtcOffset);
        Assert.Contains("操作履歴は毎日 4:50、自動処理ログは毎日 4:40", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_Admin_UpsertsTheSingleRowAndWritesOneHistoryRowPerSave()
    {
        Assert.Equal(("365", "90"), await ShownValuesAsync());
        var before = (await HistoryAsync()).Count;

        var first = await SaveAsync("400", "90");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var saved = Assert.Single(await SettingsAsync());
        Assert.Equal((RetentionSettings.SingletonId, 400, 90), (saved.Id, saved.OperationHistoryDays, saved.ProcessingLogDays));
        var entry = Assert.Single((await HistoryAsync()).Skip(before));
        Assert.Equal(OperationKind.RetentionSettingsSaved, entry.Kind);
        Assert.Equal(TikTokSyncWebFactory.AdminEmail, entry.UserName);
        Assert.Equal("操作履歴の保存期間: 365日 → 400日", entry.Details);
        Assert.Equal(Page, entry.TargetUrl);
        Assert.Equal(("400", "90"), await ShownValuesAsync());

        // Full-width digits, as an IME may type them, are read as numbers.
        var second = await SaveAsync("400", "３０");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        saved = Assert.Single(await SettingsAsync());
        Assert.Equal((400, 30), (saved.OperationHistoryDays, saved.ProcessingLogDays));
        var history = await HistoryAsync();
        Assert.Equal(before + 2, history.Count);
        Assert.Equal("自動処理ログの保存期間: 90日 → 30日", history[^1].Details);
    }

    [Theory]
    [InlineData("0", "90", "操作履歴の保存期間は 90〜3650 の日数（整数）で入力してください。")]
    [InlineData("1", "90", "操作履歴の保存期間は 90〜3650 の日数（整数）で入力してください。")]
    [InlineData("89", "90", "操作履歴の保存期間は 90〜3650 の日数（整数）で入力してください。")]
    [InlineData("365", "3651", "自動処理ログの保存期間は 1〜3650 の日数（整数）で入力してください。")]
    [InlineData("1.5", "90", "操作履歴の保存期間は 90〜3650 の日数（整数）で入力してください。")]
    [InlineData("365", "", "自動処理ログの保存期間を入力してください。")]
    public async Task Save_InvalidValue_ShowsTheMessageAndSavesNothing(string historyDays, string logDays, string message)
    {
        var settingsBefore = await SettingsAsync();
        var historyBefore = (await HistoryAsync()).Count;

        var response = await SaveAsync(historyDays, logDays);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal([message], page.QuerySelectorAll(".field-validation-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
        Assert.Equal(settingsBefore.Select(s => (s.OperationHistoryDays, s.ProcessingLogDays)), (await SettingsAsync()).Select(s => (s.OperationHistoryDays, s.ProcessingLogDays)));
        Assert.Equal(historyBefore, (await HistoryAsync()).Count);
    }

    [Fact]
    public async Task Page_ShowsTheConfiguredFloorForOperationHistory()
    {
        var page = new HtmlParser().ParseDocument(await app.Admin.GetStringAsync(Page));

        var hint = page.QuerySelector("#OperationHistoryDays")!.ParentElement!.QuerySelector(".form-text")!.TextContent;
        Assert.Contains("90〜3650 日", hint, StringComparison.Ordinal);
        Assert.Contains("90 日より短くはできません", hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_SameValues_WritesNoHistoryRow()
    {
        var (historyDays, logDays) = await ShownValuesAsync();
        var historyBefore = (await HistoryAsync()).Count;

        var response = await SaveAsync(historyDays!, logDays!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(historyBefore, (await HistoryAsync()).Count);
        Assert.Contains("変更はありません。", await app.Admin.GetStringAsync(Page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_GetAndPost_AreSentToAccessDeniedAndChangeNothing()
    {
        var settingsBefore = await SettingsAsync();
        var historyBefore = (await HistoryAsync()).Count;
        // The antiforgery token is per user, not per page: any page with a form (the layout's ログアウト) supplies one.
        var token = await FormPosting.GetAntiforgeryTokenAsync(app.Operator, "/OperationHistory");

        var get = await app.Operator.GetAsync(Page);
        var post = await app.Operator.PostAsync(Page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["OperationHistoryDays"] = "1",
            ["ProcessingLogDays"] = "1",
            ["__RequestVerificationToken"] = token,
        }));

        foreach (var response in new[] { get, post })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(settingsBefore.Select(s => s.OperationHistoryDays), (await SettingsAsync()).Select(s => s.OperationHistoryDays));
        Assert.Equal(historyBefore, (await HistoryAsync()).Count);
    }
}
