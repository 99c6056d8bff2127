using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Auth;

/// <summary>
/// The seller's side of OAuth as in the operator manual, steps 5–7: log in, confirm the app (確認してインストール), choose
/// the partner access time, tick the agreement and approve (承認) or refuse (拒否). TikTok then redirects to the URL
/// registered in Partner Center with <c>code</c> and <c>state</c>, or with <c>error=auth_denied</c> (docs/tiktok-shop-api.md#authorization-link, docs/tiktok-shop-api.md#redirect-callback).
/// </summary>
internal static class ConsentEndpoints
{
    public const string AuthorizePath = "/open/authorize";
    public const string FlowCookie = "tts_emu_consent";

    public const string LoginButton = "ログイン";
    public const string InstallButton = "確認してインストール";
    public const string ApproveButton = "承認";
    public const string DenyButton = "拒否";
    public const string PeriodHeading = "パートナーのアクセス時間";

    /// <summary>The period choices in page order; the first is the default.</summary>
    public static readonly IReadOnlyList<(string Value, string Label, AuthorizationPeriod Period)> Periods =
    [
        ("unlimited", "無期限", AuthorizationPeriod.Unlimited),
        ("1y", "1年", AuthorizationPeriod.OneYear),
        ("6m", "6か月", AuthorizationPeriod.SixMonths),
        ("3m", "3か月", AuthorizationPeriod.ThreeMonths),
        ("1m", "1か月", AuthorizationPeriod.OneMonth),
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(AuthorizePath, context => Respond(context, Start(context)));
        app.MapPost(AuthorizePath + "/login", async context => await Respond(context, await LoginAsync(context)));
        app.MapPost(AuthorizePath + "/install", async context => await Respond(context, await InstallAsync(context)));
        app.MapPost(AuthorizePath + "/decide", async context => await Respond(context, await DecideAsync(context)));
    }

    private static Task Respond(HttpContext context, IResult result) => result.ExecuteAsync(context);

    private static IResult Start(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<EmulatorOptions>();
        var serviceId = context.Request.Query["service_id"].ToString();
        if (!string.Equals(serviceId, options.ServiceId, StringComparison.Ordinal))
        {
            return ErrorPage("認可エラー", "このサービスIDは登録されていません。リンクを確認してください。");
        }

        var flows = context.RequestServices.GetRequiredService<ConsentFlowStore>();
        var state = context.Request.Query["state"];
        var flow = flows.Start(state.Count > 0 ? state.ToString() : null);
        context.Response.Cookies.Append(FlowCookie, flow.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = AuthorizePath,
            IsEssential = true,
        });
        return LoginPage(flow, options, error: null);
    }

    private static async Task<IResult> LoginAsync(HttpContext context)
    {
        var (flow, form) = await ResumeAsync(context, ConsentStep.Login);
        if (flow is null)
        {
            return ForgedPage();
        }

        var options = context.RequestServices.GetRequiredService<EmulatorOptions>();
        var seller = context.RequestServices.GetRequiredService<AuthorizationStore>()
            .Authenticate(form["login_id"].ToString(), form["password"].ToString());
        if (seller is null)
        {
            return LoginPage(flow, options, "ログインIDまたはパスワードが正しくありません。");
        }

        flow.Seller = seller;
        flow.Step = ConsentStep.Install;
        return InstallPage(flow, options);
    }

    private static async Task<IResult> InstallAsync(HttpContext context)
    {
        var (flow, _) = await ResumeAsync(context, ConsentStep.Install);
        if (flow is null)
        {
            return ForgedPage();
        }

        flow.Step = ConsentStep.Approve;
        return ApprovePage(flow, context.RequestServices.GetRequiredService<EmulatorOptions>(), error: null);
    }

    private static async Task<IResult> DecideAsync(HttpContext context)
    {
        var (flow, form) = await ResumeAsync(context, ConsentStep.Approve);
        if (flow is null)
        {
            return ForgedPage();
        }

        var options = context.RequestServices.GetRequiredService<EmulatorOptions>();
        var flows = context.RequestServices.GetRequiredService<ConsentFlowStore>();
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.Equals(form["decision"].ToString(), "deny", StringComparison.Ordinal))
        {
            parameters["error"] = "auth_denied";
        }
        else
        {
            if (!string.Equals(form["agree"].ToString(), "on", StringComparison.Ordinal))
            {
                return ApprovePage(flow, options, "同意事項を確認し、チェックボックスにチェックを入れてください。");
            }

            var chosen = Periods.FirstOrDefault(p => string.Equals(p.Value, form["period"].ToString(), StringComparison.Ordinal));
            var period = chosen.Value is null ? AuthorizationPeriod.Unlimited : chosen.Period;
            parameters["code"] = context.RequestServices.GetRequiredService<AuthorizationStore>().CreateAuthCode(flow.Seller!, period);
        }

        if (flow.State is not null)
        {
            parameters["state"] = flow.State;
        }

        flows.Finish(flow.Id);
        context.Response.Cookies.Delete(FlowCookie, new CookieOptions { Path = AuthorizePath });
        return Results.Redirect(QueryHelpers.AddQueryString(options.RedirectUrl, parameters));
    }

    /// <summary>A step only continues the flow of this browser (cookie) with the nonce of its own form, so a forged POST fails.</summary>
    private static async Task<(ConsentFlow? Flow, IFormCollection Form)> ResumeAsync(HttpContext context, ConsentStep expected)
    {
        if (!context.Request.HasFormContentType)
        {
            return (null, FormCollection.Empty);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var flowId = context.Request.Cookies[FlowCookie];
        var flow = flowId is null ? null : context.RequestServices.GetRequiredService<ConsentFlowStore>().Find(flowId);
        if (flow is null || flow.Step != expected || !flow.NonceMatches(form["nonce"].ToString()))
        {
            return (null, form);
        }

        return (flow, form);
    }

    private static IResult LoginPage(ConsentFlow flow, EmulatorOptions options, string? error) => Page(
        "セラーアカウント認証",
        $"""
        <p class="lead">{E(options.AppName)} がTikTok Shopセラーアカウントへのアクセスを求めています。</p>
        {ErrorBlock(error)}
        <form method="post" action="{AuthorizePath}/login">
          <input type="hidden" name="nonce" value="{E(flow.Nonce)}">
          <p><label for="login_id">ログインID</label><br><input id="login_id" name="login_id" type="text" autocomplete="username" required></p>
          <p><label for="password">パスワード</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
          <p><button type="submit">{LoginButton}</button></p>
        </form>
        """);

    private static IResult InstallPage(ConsentFlow flow, EmulatorOptions options) => Page(
        "アプリの詳細",
        $"""
        <p class="lead">{E(flow.Seller!.SellerName)} さん、次のアプリがショップのデータへのアクセスを求めています。</p>
        <table>
          <tr><th>アプリ名</th><td>{E(options.AppName)}</td></tr>
          <tr><th>ショップ</th><td>{string.Join("<br>", flow.Seller.Shops.Select(s => E(s.Name)))}</td></tr>
          <tr><th>アクセス範囲</th><td>{string.Join("<br>", options.GrantedScopes.Select(E))}</td></tr>
        </table>
        <form method="post" action="{AuthorizePath}/install">
          <input type="hidden" name="nonce" value="{E(flow.Nonce)}">
          <p><button type="submit">{InstallButton}</button></p>
        </form>
        """);

    private static IResult ApprovePage(ConsentFlow flow, EmulatorOptions options, string? error)
    {
        var radios = new StringBuilder();
        for (var i = 0; i < Periods.Count; i++)
        {
            var (value, label, _) = Periods[i];
            var id = "period-" + value;
            radios.Append(
                System.Globalization.CultureInfo.InvariantCulture,
                $"""<p><input type="radio" id="{id}" name="period" value="{value}"{(i == 0 ? " checked" : "")}> <label for="{id}">{label}</label></p>""");
        }

        return Page(
            "アクセス期間の設定",
            $"""
            {ErrorBlock(error)}
            <form method="post" action="{AuthorizePath}/decide">
              <input type="hidden" name="nonce" value="{E(flow.Nonce)}">
              <fieldset>
                <legend>{PeriodHeading}</legend>
                {radios}
              </fieldset>
              <p><input type="checkbox" id="agree" name="agree" value="on"> <label for="agree">{E(options.AppName)} がショップのデータにアクセスすることに同意します。</label></p>
              <p>
                <button type="submit" name="decision" value="approve">{ApproveButton}</button>
                <button type="submit" name="decision" value="deny" formnovalidate>{DenyButton}</button>
              </p>
            </form>
            """);
    }

    private static IResult ForgedPage() =>
        ErrorPage("認可エラー", "認可の手続きが見つからないか、期限が切れています。最初からやり直してください。");

    private static IResult ErrorPage(string title, string message) =>
        Page(title, $"""<p class="error">{E(message)}</p>""", StatusCodes.Status400BadRequest);

    private static string ErrorBlock(string? error) => error is null ? "" : $"""<p class="error" role="alert">{E(error)}</p>""";

    private static IResult Page(string title, string body, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(
            $$"""
            <!DOCTYPE html>
            <html lang="ja">
            <head>
              <meta charset="utf-8">
              <title>{{E(title)}} | TikTok Shop</title>
              <style>
                body { font-family: sans-serif; max-width: 36rem; margin: 2rem auto; color: #161823; }
                .error { color: #c0142f; }
                th { text-align: left; padding-right: 1rem; vertical-align: top; }
                button { padding: .5rem 1.5rem; margin-right: .5rem; }
              </style>
            </head>
            <body>
              <h1>{{E(title)}}</h1>
              {{body}}
            </body>
            </html>
            """,
            "text/html; charset=utf-8",
            Encoding.UTF8,
            statusCode);

    /// <summary>Encodes markup characters but leaves Japanese text readable in the page source.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string text) => Html.Encode(text);
}

internal enum ConsentStep
{
    Login,
    Install,
    Approve,
}

internal sealed class ConsentFlow
{
    public required string Id { get; init; }

    public required string Nonce { get; init; }

    public string? State { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public ConsentStep Step { get; set; } = ConsentStep.Login;

    public EmulatorSellerAccount? Seller { get; set; }

    public bool NonceMatches(string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Nonce), Encoding.ASCII.GetBytes(presented));
}

/// <summary>Consent flows in progress, each bound to a browser by a cookie; abandoned ones expire after an hour.</summary>
internal sealed class ConsentFlowStore
{
    private static readonly TimeSpan FlowLifetime = TimeSpan.FromHours(1);
    private readonly Dictionary<string, ConsentFlow> _flows = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ConsentFlowStore(TimeProvider time)
    {
        _time = time;
    }

    public ConsentFlow Start(string? state)
    {
        var now = _time.GetUtcNow();
        var flow = new ConsentFlow
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            Nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            State = state,
            StartedAt = now,
        };
        lock (_flows)
        {
            foreach (var expired in _flows.Values.Where(f => now - f.StartedAt > FlowLifetime).Select(f => f.Id).ToList())
            {
                _flows.Remove(expired);
            }

            _flows[flow.Id] = flow;
        }

        return flow;
    }

    public ConsentFlow? Find(string id)
    {
        lock (_flows)
        {
            return _flows.TryGetValue(id, out var flow) && _time.GetUtcNow() - flow.StartedAt <= FlowLifetime ? flow : null;
        }
    }

    public void Finish(string id)
    {
        lock (_flows)
        {
            _flows.Remove(id);
        }
    }
}
