using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Pages;

/// <summary>
/// Every POST handler the app maps (found from the endpoints, like <see cref="RoleMatrixTests"/>), each bound field filled
/// with hostile input: oversized, empty, non-numeric, out of range, control characters, mixed scripts. Every answer must be
/// a page with our (Japanese) messages or a redirect — never a server error or the framework's English binding message —
/// and a refused form must leave the store exactly as it was.
/// </summary>
public sealed partial class FormFuzzTests : IAsyncLifetime
{
    // No job server: a fetch or push a valid form starts must not change the store while another request is being checked.
    // Hundreds of hostile sign-in posts from one address: the per-address limit would (rightly) answer 429 long before
    // the login form's own validation is reached, so it is raised here; SignInThrottlingTests covers the limit.
    private readonly TikTokSyncWebFactory _factory = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["BackgroundJobs:ServerEnabled"] = "false",
            ["RateLimiting:SignInPerAddressPermitLimit"] = "10000",
        },
    };

    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        // Real objects behind the "1" route values, so handlers get past their NotFound checks.
        var connectionId = await _factory.AddConnectionAsync(c => c.TikTokShopId = "shop-1");
        await _factory.WithDbAsync(async db =>
        {
            db.Orders.Add(new Order
            {
                MallConnectionId = connectionId,
                TikTokOrderId = "576100000000000001",
                TikTokStatus = TikTokOrderStatus.AwaitingShipment,
                OrderedAtUtc = DateTime.UtcNow.AddDays(-1),
                TikTokUpdatedAtUtc = DateTime.UtcNow.AddDays(-1),
                Lines = [new OrderLine { TikTokLineItemId = "5761000000000000011", SkuId = "sku", ProductName = "商品" }],
                Packages = [new ShippingPackage { Carrier = Carrier.Yamato, TrackingNumber = "123456789013", LineItemIds = "5761000000000000011" }],
            });
            await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>The hostile values, by kind.</summary>
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>
    {
        ["oversized"] = new string('８', 20_000),
        ["empty"] = string.Empty,
        ["non-numeric"] = "abc",
        ["out-of-range"] = "-99999999999999999999",
        ["zero"] = "0",
        ["negative"] = "-1",
        ["int-overflow"] = "2147483648",
        ["far-date"] = "9999-12-31",
        ["ancient-date"] = "0001-01-01",
        ["control"] = "a\u0001b\u001f\u007f\r\n\t=cmd|",
        ["nul-byte"] = "a\u0000b",
        ["mixed-script"] = "ｶﾀｶﾅ漢字abcАБВ１２３🎌\u202Eevil",
    };

    /// <summary>
    /// ASP.NET Core refuses a form carrying a NUL byte with 400 before any handler runs (a browser never sends one from a
    /// text field); that refusal is accepted, as long as nothing was saved.
    /// </summary>
    private const string FrameworkRefusedKind = "nul-byte";

    private sealed record PostHandler(string Url, string PagePath, IReadOnlyList<string> Fields);

    private async Task<List<PostHandler>> PostHandlersAsync()
    {
        var handlers = new List<PostHandler>();
        foreach (var (url, viewEnginePath, compiled) in await EndpointPaths.CompiledPagesAsync(_factory.Services))
        {
            var properties = compiled.BoundProperties.SelectMany(p => FieldNames(p)).ToList();
            foreach (var handler in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)))
            {
                var parameters = handler.Parameters.SelectMany(p => FieldNames(p));
                handlers.Add(new PostHandler(handler.Name is null ? url : $"{url}?handler={handler.Name}", viewEnginePath, properties.Concat(parameters).Distinct().ToList()));
            }
        }

        return handlers;
    }

    /// <summary>The form names a bound property or parameter reads: simple values as is, objects by their properties, dictionaries by a key.</summary>
    private static IEnumerable<string> FieldNames(ParameterDescriptor descriptor)
    {
        var source = descriptor.BindingInfo?.BindingSource;
        if (source == BindingSource.Services || source == BindingSource.Special || descriptor.ParameterType == typeof(CancellationToken))
        {
            return [];
        }

        return FieldNames(descriptor.BindingInfo?.BinderModelName ?? descriptor.Name, descriptor.ParameterType, depth: 0);
    }

    private static IEnumerable<string> FieldNames(string name, Type type, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (typeof(IFormFile).IsAssignableFrom(underlying) || typeof(IFormFileCollection).IsAssignableFrom(underlying))
        {
            return [];
        }

        if (underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(DateTime) || underlying == typeof(DateOnly) || underlying == typeof(Guid) || underlying == typeof(TimeSpan))
        {
            return [name];
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return [$"{name}[1]"];
        }

        if (typeof(IEnumerable).IsAssignableFrom(underlying))
        {
            return [name];
        }

        if (depth > 2)
        {
            return [];
        }

        return underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
            .SelectMany(p => FieldNames($"{name}.{p.Name}", p.PropertyType, depth + 1));
    }

    /// <summary>What a refused form must not change: row counts and concurrency tokens of what operators edit.</summary>
    private Task<string> SnapshotAsync() => _factory.QueryAsync(async db =>
    {
        var text = new StringBuilder();
        text.Append("orders=").Append(string.Join(',', await db.Orders.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Version + ":" + o.GoqStatus + ":" + o.OperatorNote).ToListAsync()));
        text.Append(";packages=").Append(string.Join(',', await db.ShippingPackages.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Version.ToString()).ToListAsync()));
        text.Append(";connections=").Append(string.Join(',', await db.MallConnections.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Version.ToString()).ToListAsync()));
        text.Append(";mappings=").Append(await db.ShippingProviderMappings.CountAsync());
        text.Append(";users=").Append(string.Join(',', await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => u.ConcurrencyStamp).ToListAsync()));
        text.Append(";history=").Append(await db.OrderHistory.CountAsync());
        text.Append(";operations=").Append(await db.OperationHistory.CountAsync());
        text.Append(";retention=").Append(string.Join(',', await db.RetentionSettings.AsNoTracking().Select(r => r.Id).ToListAsync()));
        return text.ToString();
    });

    [Fact]
    public async Task EveryPostHandler_HostileFormValues_AnswersWithAPageOrARedirectAndSavesNothingOnRefusal()
    {
        var handlers = await PostHandlersAsync();
        Assert.True(handlers.Count >= 25, $"only {handlers.Count} POST handlers found");
        Assert.Contains(handlers, h => h.PagePath == "/Orders/Detail" && h.Fields.Contains("Shipping.TrackingNumber"));
        Assert.Contains(handlers, h => h.PagePath == "/MallSettings/Details/Connection" && h.Fields.Contains("Input.FetchDays"));

        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);
        var token = await FormPosting.GetAntiforgeryTokenAsync(client, "/");

        var failures = new List<string>();
        foreach (var handler in handlers)
        {
            // Signing out ends the session the rest needs; the first-run page is closed once an admin exists.
            if (handler.PagePath is "/Account/Logout" or "/Setup/Index" or "/Error")
            {
                continue;
            }

            // What the browser would send from the page (the rendered form's values), then one field at a time made hostile;
            // plus every field at once, which reaches handlers whose page renders no form for them.
            var baseline = await RenderedFormValuesAsync(client, handler.Url);
            var attempts = handler.Fields
                .SelectMany(field => Values.Select(v => (Label: $"{field}={v.Key}", Kind: v.Key, Form: new Dictionary<string, string>(baseline) { [field] = v.Value })))
                .Concat(Values.Select(v => (Label: $"all={v.Key}", Kind: v.Key, Form: handler.Fields.ToDictionary(f => f, _ => v.Value))));
            foreach (var (label, kind, form) in attempts)
            {
                form["__RequestVerificationToken"] = token;
                var before = await SnapshotAsync();
                var response = await client.PostAsync(handler.Url, new FormUrlEncodedContent(form));
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                if (status is >= 300 and < 400)
                {
                    if (response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) == true)
                    {
                        failures.Add($"{handler.Url} [{label}]: signed out ({response.Headers.Location})");
                        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);
                        token = await FormPosting.GetAntiforgeryTokenAsync(client, "/");
                    }

                    continue;
                }

                if (status == 404)
                {
                    // The handler looked the posted id up and did not find it.
                    continue;
                }

                if (status == 400 && kind == FrameworkRefusedKind && before == await SnapshotAsync())
                {
                    continue;
                }

                if (status != 200 && !IsDownload(response))
                {
                    failures.Add($"{handler.Url} [{label}]: {status} {Excerpt(body)}");
                    continue;
                }

                if (EnglishBindingMessage().Match(body) is { Success: true } english)
                {
                    failures.Add($"{handler.Url} [{label}]: English message \"{english.Value}\"");
                }

                var after = await SnapshotAsync();
                if (before != after && !IsDownload(response))
                {
                    failures.Add($"{handler.Url} [{label}]: 200 but the store changed\n  before {before}\n  after  {after}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} bad answers:\n" + string.Join("\n", failures));
    }

    /// <summary>The values of the form on the handler's page that posts to it (inputs, checked boxes, selected options).</summary>
    private static async Task<Dictionary<string, string>> RenderedFormValuesAsync(HttpClient client, string handlerUrl)
    {
        var pageUrl = handlerUrl.Split('?')[0];
        var handlerName = handlerUrl.Contains("?handler=", StringComparison.Ordinal) ? handlerUrl[(handlerUrl.IndexOf('=', StringComparison.Ordinal) + 1)..] : null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var response = await client.GetAsync(pageUrl);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return values;
        }

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        bool PostsTo(AngleSharp.Dom.IElement element)
        {
            var action = element.GetAttribute("formaction") ?? element.GetAttribute("action") ?? string.Empty;
            return handlerName is null ? !action.Contains("handler=", StringComparison.Ordinal) : action.Contains("handler=" + handlerName, StringComparison.OrdinalIgnoreCase);
        }

        var forms = document.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)
            && (PostsTo(f) || f.QuerySelectorAll("button[formaction], button[type=submit]").Any(PostsTo))).ToList();
        foreach (var field in forms.SelectMany(f => f.QuerySelectorAll("input[name], select[name], textarea[name]")))
        {
            var name = field.GetAttribute("name")!;
            if (values.ContainsKey(name) || name == "__RequestVerificationToken")
            {
                continue;
            }

            var type = field.GetAttribute("type") ?? string.Empty;
            if ((type is "checkbox" or "radio" && !field.HasAttribute("checked")) || type == "file")
            {
                continue;
            }

            values[name] = field.LocalName switch
            {
                "select" => (field.QuerySelector("option[selected]") ?? field.QuerySelector("option"))?.GetAttribute("value") ?? string.Empty,
                "textarea" => field.TextContent,
                _ => field.GetAttribute("value") ?? string.Empty,
            };
        }

        return values;
    }

    private static bool IsDownload(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType is "text/csv" or "application/octet-stream";

    private static string Excerpt(string body)
    {
        var text = Regex.Replace(body, "<[^>]+>", " ");
        text = Regex.Replace(text, @"\s+", " ").Trim();
        return text.Length > 200 ? text[..200] : text;
    }

    /// <summary>ASP.NET Core's default model-binding and validation messages, which an operator must never see.</summary>
    [GeneratedRegex(@"The value '[^']*' is (not valid|invalid)|The field \w+ must|is not valid for|A value for the '[^']*' parameter|The \w+ field is required|must be a number|value '[^']*' is not valid")]
    private static partial Regex EnglishBindingMessage();
}
