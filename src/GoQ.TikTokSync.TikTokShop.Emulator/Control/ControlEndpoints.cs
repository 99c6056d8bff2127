using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Control;

/// <summary>
/// <see cref="IEmulatorControl"/> over HTTP, as camelCase JSON under <c>/_emulator</c>: a prefix TikTok never uses, so
/// control calls can never be mistaken for API calls.
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/_emulator";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix);

        group.MapGet("/", Handle(c => new { now = c.Now, shops = c.Shops, webhookUrl = c.GetWebhookUrl(), faults = c.GetFaults() }));
        group.MapPost("/reset", Handle(async (c, http) =>
        {
            var body = await Read<ResetRequest>(http);
            c.Reset(body?.Reseed ?? true);
            return new { reset = true };
        }));

        group.MapGet("/orders", Handle((c, http) => Task.FromResult<object>(
            c.ListOrders(Query(http, "shopId"), Query(http, "status")))));
        group.MapGet("/orders/{orderId}", Handle((c, http) => Task.FromResult<object>(
            c.GetOrder(Route(http, "orderId")) ?? throw new KeyNotFoundException("Unknown order."))));
        group.MapPost("/shops/{shopId}/orders", Handle(async (c, http) =>
        {
            var request = await Read<NewOrderRequest>(http) ?? new NewOrderRequest();
            return new { orderId = c.CreateOrder(Route(http, "shopId"), request) };
        }));
        group.MapPost("/shops/{shopId}/orders/seed", Handle(async (c, http) =>
        {
            var request = await Read<SeedRequest>(http) ?? throw new ArgumentException("A body { count, from, to } is required.");
            var to = request.To ?? c.Now;
            var from = request.From ?? to - TimeSpan.FromDays(14);
            var ids = c.SeedOrders(Route(http, "shopId"), request.Count, from, to);
            return new { count = ids.Count, orderIds = ids };
        }));
        group.MapPost("/orders/{orderId}/cancel", Handle(async (c, http) =>
        {
            var request = await Read<CancelRequest>(http) ?? new CancelRequest();
            return new { status = c.CancelOrder(Route(http, "orderId"), request.Initiator, request.Reason) };
        }));
        group.MapPost("/orders/{orderId}/cancel-line", Handle(async (c, http) =>
        {
            var request = await Read<CancelLineRequest>(http) ?? new CancelLineRequest();
            return new { lineItemId = c.CancelLineItem(Route(http, "orderId"), request.LineItemId, request.Initiator) };
        }));
        group.MapPost("/orders/{orderId}/change-address", Handle((c, http) =>
        {
            c.ChangeRecipientAddress(Route(http, "orderId"));
            return Task.FromResult<object>(new { changed = true });
        }));
        group.MapPost("/orders/{orderId}/advance", Handle((c, http) =>
            Task.FromResult<object>(new { status = c.AdvanceOrder(Route(http, "orderId")) })));
        group.MapPost("/orders/{orderId}/split", Handle(async (c, http) =>
        {
            var request = await Read<SplitRequest>(http) ?? new SplitRequest();
            return new { packageIds = c.SplitPackages(Route(http, "orderId"), request.Packages) };
        }));
        group.MapPost("/combine", Handle(async (c, http) =>
        {
            var request = await Read<CombineRequest>(http) ?? throw new ArgumentException("A body { orderIds } is required.");
            return new { packageId = c.CombineOrders(request.OrderIds ?? []) };
        }));
        group.MapGet("/orders/{orderId}/shipping", Handle((c, http) => Task.FromResult<object>(
            c.GetShipping(Route(http, "orderId")) ?? throw new KeyNotFoundException("Unknown order."))));
        group.MapGet("/shipping", Handle((c, http) => Task.FromResult<object>(c.ListShipping(Query(http, "shopId")))));
        group.MapGet("/ship-calls", Handle((c, http) => Task.FromResult<object>(c.GetShipCalls(Query(http, "shopId")))));

        group.MapPost("/auth-codes", Handle(async (c, http) =>
        {
            var request = await Read<SellerRequest>(http) ?? throw new ArgumentException("A body { sellerLoginId } is required.");
            return new { code = c.CreateAuthorizationCode(request.SellerLoginId ?? "", request.Period) };
        }));
        group.MapPost("/tokens", Handle(async (c, http) =>
        {
            var request = await Read<SellerRequest>(http) ?? throw new ArgumentException("A body { sellerLoginId } is required.");
            return c.IssueTokens(request.SellerLoginId ?? "", request.Period);
        }));
        group.MapPost("/tokens/expire-access", Handle(async (c, http) =>
            new { affected = c.ExpireAccessTokens((await Read<SellerRequest>(http))?.SellerLoginId) }));
        group.MapPost("/tokens/expire-refresh", Handle(async (c, http) =>
            new { affected = c.ExpireRefreshTokens((await Read<SellerRequest>(http))?.SellerLoginId) }));
        group.MapPost("/tokens/revoke", Handle(async (c, http) =>
            new { affected = c.RevokeAuthorization((await Read<SellerRequest>(http))?.SellerLoginId) }));

        group.MapGet("/faults", Handle(c => c.GetFaults()));
        group.MapPut("/faults", Handle(async (c, http) =>
        {
            c.SetFaults(await Read<FaultSettings>(http) ?? FaultSettings.None);
            return c.GetFaults();
        }));

        group.MapGet("/access-refusals", Handle(c => c.GetAccessRefusals()));
        group.MapPost("/access-refusals", Handle(async (c, http) =>
        {
            c.RefuseAccess(await Read<ShopAccessRefusal>(http) ?? throw new ArgumentException("A refusal needs a shopId and a kind."));
            return c.GetAccessRefusals();
        }));
        group.MapDelete("/access-refusals", Handle(c =>
        {
            c.ClearAccessRefusals();
            return c.GetAccessRefusals();
        }));

        group.MapGet("/webhook-url", Handle(c => new { url = c.GetWebhookUrl() }));
        group.MapPut("/webhook-url", Handle(async (c, http) =>
        {
            c.SetWebhookUrl((await Read<WebhookUrlRequest>(http))?.Url);
            return new { url = c.GetWebhookUrl() };
        }));
        group.MapGet("/webhooks/deliveries", Handle(c => c.GetWebhookDeliveries()));
    }

    private static RequestDelegate Handle(Func<IEmulatorControl, object> action) =>
        Handle((c, _) => Task.FromResult(action(c)));

    private static RequestDelegate Handle(Func<IEmulatorControl, HttpContext, Task<object>> action) =>
        async context =>
        {
            var control = context.RequestServices.GetRequiredService<IEmulatorControl>();
            IResult result;
            try
            {
                result = Results.Json(await action(control, context), Json);
            }
            catch (KeyNotFoundException ex)
            {
                result = Results.Json(new { error = ex.Message }, Json, statusCode: StatusCodes.Status404NotFound);
            }
            catch (InvalidOperationException ex)
            {
                result = Results.Json(new { error = ex.Message }, Json, statusCode: StatusCodes.Status409Conflict);
            }
            catch (Exception ex) when (ex is ArgumentException or JsonException)
            {
                result = Results.Json(new { error = ex.Message }, Json, statusCode: StatusCodes.Status400BadRequest);
            }

            await result.ExecuteAsync(context);
        };

    private static async Task<T?> Read<T>(HttpContext context)
        where T : class
    {
        if (context.Request.ContentLength is 0 || !context.Request.HasJsonContentType())
        {
            return null;
        }

        return await context.Request.ReadFromJsonAsync<T>(Json, context.RequestAborted);
    }

    private static string? Query(HttpContext context, string name)
    {
        var value = context.Request.Query[name].ToString();
        return value.Length == 0 ? null : value;
    }

    private static string Route(HttpContext context, string name) => context.Request.RouteValues[name]?.ToString() ?? "";

    private sealed record ResetRequest(bool Reseed = true);

    private sealed record SeedRequest(int Count, DateTimeOffset? From, DateTimeOffset? To);

    private sealed record CancelRequest(CancelInitiator Initiator = CancelInitiator.Buyer, string? Reason = null);

    private sealed record CancelLineRequest(string? LineItemId = null, CancelInitiator Initiator = CancelInitiator.Seller);

    private sealed record SellerRequest(string? SellerLoginId, AuthorizationPeriod Period = AuthorizationPeriod.Unlimited);

    private sealed record WebhookUrlRequest(string? Url);

    private sealed record SplitRequest(int Packages = 2);

    private sealed record CombineRequest(IReadOnlyList<string>? OrderIds);
}
