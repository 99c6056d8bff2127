using System.Text.RegularExpressions;
using GoQ.TikTokSync.Browser.Tests.Infrastructure;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.Playwright;

namespace GoQ.TikTokSync.Browser.Tests;

/// <summary>ユーザー管理 and 操作履歴 as two people use them, each in their own browser context (own cookies).</summary>
public sealed class UserManagementJourneyTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.jp";
    private const string NewOperatorEmail = "tanaka@example.jp";
    private const string OrderNumber = "576461413038785111";

    private readonly KestrelAppFactory _app = new();
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AdminAddsOperator_OperatorChangesPasswordAndHoldsAnOrder_AdminSeesTheMoveInOperationHistory()
    {
        var baseAddress = _app.StartAndGetBaseAddress();
        await _app.CreateUserAsync(AdminEmail, AppRoles.Admin);
        var connectionId = 0;
        await _app.WithDbAsync(async db =>
        {
            var connection = new MallConnection { DisplayName = "TikTok Shop 1号店" };
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
            db.Orders.Add(new Order
            {
                MallConnectionId = connection.Id,
                TikTokOrderId = OrderNumber,
                TikTokStatus = TikTokOrderStatus.AwaitingShipment,
                GoqStatus = GoqOrderStatus.NewOrder,
                OrderedAtUtc = DateTime.UtcNow,
                TikTokUpdatedAtUtc = DateTime.UtcNow,
                RecipientName = "佐藤 花子",
            });
            await db.SaveChangesAsync();
            connectionId = connection.Id;
        });

        // The admin adds 田中 as an operator and reads the one-time password off the screen.
        var admin = await _browser.NewPageAsync(baseAddress);
        await BrowserSession.SignInAsync(admin, AdminEmail, KestrelAppFactory.Password);
        await admin.GotoAsync("/MallSettings");
        await admin.GetByTestId("settings-menu").GetByRole(AriaRole.Link, new() { Name = "ユーザー管理" }).ClickAsync();
        await BrowserSession.ExpectAddressAsync(admin, "/Users$");
        var addForm = admin.GetByTestId("add-user-form");
        await addForm.GetByLabel("表示名").FillAsync("田中 一郎");
        await addForm.GetByLabel("メールアドレス").FillAsync(NewOperatorEmail);
        await addForm.GetByLabel("権限").SelectOptionAsync(new SelectOptionValue { Label = "オペレーター" });
        await addForm.GetByRole(AriaRole.Button, new() { Name = "追加" }).ClickAsync();
        var oneTimePassword = (await admin.GetByTestId("one-time-password").InnerTextAsync()).Trim();
        Assert.True(oneTimePassword.Length >= 12, oneTimePassword);
        var row = admin.Locator($"[data-testid=user-row][data-email='{NewOperatorEmail}']");
        await Assertions.Expect(row.GetByTestId("user-role")).ToHaveTextAsync("オペレーター");
        await Assertions.Expect(row.GetByTestId("user-state")).ToContainTextAsync("初期パスワード未変更");
        await BrowserSession.SaveScreenshotAsync(admin, "users-added");

        // 田中 signs in with it and is held on パスワード変更 until the password is his own.
        var operatorPage = await _browser.NewPageAsync(baseAddress);
        await BrowserSession.SignInAsync(operatorPage, NewOperatorEmail, oneTimePassword);
        await BrowserSession.ExpectAddressAsync(operatorPage, "/Account/ChangePassword");
        await operatorPage.GotoAsync("/Orders");
        Assert.Contains("/Account/ChangePassword", operatorPage.Url, StringComparison.Ordinal);
        const string ownPassword = "Tanaka-Own-Passw0rd!";
        await operatorPage.GetByLabel("現在のパスワード").FillAsync(oneTimePassword);
        await operatorPage.GetByLabel("新しいパスワード", new() { Exact = true }).FillAsync(ownPassword);
        await operatorPage.GetByLabel("新しいパスワード（確認）").FillAsync(ownPassword);
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "パスワードを変更" }).ClickAsync();
        await Assertions.Expect(operatorPage).Not.ToHaveURLAsync(new Regex("/Account/ChangePassword"));

        // Admin screens stay shut: ユーザー管理 is refused, モール詳細設定 is read-only with nothing to press.
        await Assertions.Expect(operatorPage.GetByRole(AriaRole.Link, new() { Name = "ユーザー管理" })).ToHaveCountAsync(0);
        await operatorPage.GotoAsync("/Users");
        Assert.Contains("/Account/AccessDenied", operatorPage.Url, StringComparison.Ordinal);
        await Assertions.Expect(operatorPage.GetByRole(AriaRole.Heading)).ToHaveTextAsync("この画面を表示する権限がありません");
        await operatorPage.GotoAsync($"/MallSettings/Details/{connectionId}");
        await Assertions.Expect(operatorPage.GetByText("設定の変更は管理者のみ行えます。")).ToBeVisibleAsync();
        await Assertions.Expect(operatorPage.GetByRole(AriaRole.Button, new() { Name = "設定を保存して次へ進む" })).ToHaveCountAsync(0);
        await Assertions.Expect(operatorPage.GetByRole(AriaRole.Button, new() { Name = "認証", Exact = true })).ToHaveCountAsync(0);

        // 田中 puts the order on hold from 受注一覧.
        await operatorPage.GotoAsync("/Orders");
        operatorPage.Dialog += (_, dialog) => dialog.AcceptAsync();
        await operatorPage.GetByLabel($"{OrderNumber} を選択").CheckAsync();
        await operatorPage.GetByLabel("移動先ステータス").SelectOptionAsync(new SelectOptionValue { Label = "保留" });
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "選択した受注を移動" }).ClickAsync();
        await Assertions.Expect(operatorPage.GetByRole(AriaRole.Status)).ToContainTextAsync("保留");

        // The admin finds who did it, in 操作履歴.
        await admin.GotoAsync("/Users");
        await admin.GetByTestId("settings-menu").GetByRole(AriaRole.Link, new() { Name = "操作履歴" }).ClickAsync();
        await BrowserSession.ExpectAddressAsync(admin, "/OperationHistory");
        var move = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "ステータス移動" });
        await Assertions.Expect(move).ToHaveCountAsync(1);
        await Assertions.Expect(move).ToContainTextAsync(NewOperatorEmail);
        await Assertions.Expect(move).ToContainTextAsync("保留");
        await Assertions.Expect(move).ToContainTextAsync(OrderNumber);
        await BrowserSession.SaveScreenshotAsync(admin, "operation-history");
    }
}
