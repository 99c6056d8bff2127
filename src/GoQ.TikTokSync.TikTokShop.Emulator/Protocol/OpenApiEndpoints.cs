using System.Text.Json;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Emulator.Orders;
using GoQ.TikTokSync.TikTokShop.Emulator.Webhooks;
using GoQ.TikTokSync.TikTokShop.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Protocol;

/// <summary>The Open API endpoints an order-management client uses, on the documented paths (OAS 202309).</summary>
internal static class OpenApiEndpoints
{
    public const int MaxPageSize = 100;
    public const int MaxOrderIds = 50;

    private static readonly List<(string Method, System.Text.RegularExpressions.Regex Path)> Routes = [];

    public static void Map(IEndpointRouteBuilder app)
    {
        MapApi(app, "GET", "/authorization/202309/shops", EndpointScope.Seller, "GetAuthorizedShops", GetAuthorizedShops);
        MapApi(app, "POST", "/order/202309/orders/search", EndpointScope.Shop, "GetOrderList", SearchOrders);
        MapApi(app, "GET", "/order/202309/orders", EndpointScope.Shop, "GetOrderDetail", GetOrderDetail);
        MapApi(app, "GET", "/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers", EndpointScope.Shop, "GetShippingProviders", GetShippingProviders);
        MapApi(app, "POST", "/fulfillment/202309/orders/{order_id}/packages", EndpointScope.Shop, "MarkPackageAsShipped", MarkPackageAsShipped, RecordRefusedShipCall);
        MapApi(app, "POST", "/fulfillment/202309/orders/{order_id}/shipping_info/update", EndpointScope.Shop, "UpdateShippingInfo", UpdateShippingInfo);
        MapApi(app, "GET", "/fulfillment/202309/packages/{package_id}", EndpointScope.Shop, "GetPackageDetail", GetPackageDetail);
        MapApi(app, "POST", "/fulfillment/202309/packages/{package_id}/shipping_info/update", EndpointScope.Shop, "UpdatePackageShippingInfo", UpdatePackageShippingInfo);
        MapApi(app, "GET", "/event/202309/webhooks", EndpointScope.Shop, "GetShopWebhooks", GetShopWebhooks);
        MapApi(app, "PUT", "/event/202309/webhooks", EndpointScope.Shop, "UpdateShopWebhook", UpdateShopWebhook);
        MapApi(app, "DELETE", "/event/202309/webhooks", EndpointScope.Shop, "DeleteShopWebhook", DeleteShopWebhook);
    }

    /// <summary>The error for a request no endpoint took: a known path with another method, or an unknown path (docs/tiktok-shop-api.md#error-codes).</summary>
    public static EmulatorError Unmatched(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Value ?? "";
        lock (Routes)
        {
            return Routes.Exists(r => r.Path.IsMatch(path)) ? EmulatorErrors.InvalidMethod : EmulatorErrors.InvalidPath;
        }
    }

    /// <param name="refused">Told about a call the gateway refused, and whether as a transport fault (injected or the rate
    /// limit) rather than for its credentials.</param>
    private static void MapApi(
        IEndpointRouteBuilder app,
        string method,
        string pattern,
        EndpointScope scope,
        string name,
        Func<ApiCall, HttpContext, IResult> handler,
        Action<HttpContext, bool>? refused = null)
    {
        var regex = "^" + System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[a-z_]+\\}", "[^/]+") + "$";
        lock (Routes)
        {
            if (!Routes.Exists(r => r.Method == method && r.Path.ToString() == regex))
            {
                Routes.Add((method, new System.Text.RegularExpressions.Regex(regex, System.Text.RegularExpressions.RegexOptions.CultureInvariant)));
            }
        }

        app.MapMethods(pattern, [method], async context =>
        {
            var gateway = context.RequestServices.GetRequiredService<OpenApiGateway>();
            var admission = await gateway.AdmitAsync(context, scope, name);
            IResult result;
            if (admission.Call is { } call)
            {
                result = handler(call, context);
            }
            else
            {
                refused?.Invoke(context, admission.RefusedAsFault);
                result = admission.Refusal!;
            }

            await gateway.HoldAnswerAsync(admission.Faults, context.RequestAborted);
            await result.ExecuteAsync(context);
        }).WithName(name);
    }

    private static IResult GetAuthorizedShops(ApiCall call, HttpContext context) =>
        EnvelopeResult.Success(
            new AuthorizedShopsData
            {
                Shops = call.Authorization.Seller.Shops
                    .Select(s => new AuthorizedShopWire
                    {
                        Id = s.Id, Name = s.Name, Region = s.Region, SellerType = s.SellerType, Cipher = s.Cipher, Code = s.Code,
                    })
                    .ToList(),
            },
            call.RequestId);

    private static IResult SearchOrders(ApiCall call, HttpContext context)
    {
        var query = context.Request.Query;
        if (!int.TryParse(query["page_size"].ToString(), out var pageSize) || pageSize is < 1 or > MaxPageSize)
        {
            return EnvelopeResult.Error(EmulatorErrors.InvalidPageSize, call.RequestId);
        }

        // docs/tiktok-shop-api.md#order-search, docs/tiktok-shop-api.md#pitfalls: a misspelt sort_field (or order) is silently ignored and the defaults apply.
        var sortField = string.Equals(query["sort_field"].ToString(), "update_time", StringComparison.Ordinal)
            ? OrderSortField.UpdateTime
            : OrderSortField.CreateTime;
        var descending = !string.Equals(query["sort_order"].ToString(), "ASC", StringComparison.Ordinal);

        if (!TryParseSearchBody(call.Body, pageSize, sortField, descending, out var search))
        {
            return EnvelopeResult.Error(EmulatorErrors.InvalidSearchBody, call.RequestId);
        }

        SearchCursor? after = null;
        var pageToken = query["page_token"].ToString();
        var codec = context.RequestServices.GetRequiredService<PageTokenCodec>();
        if (pageToken.Length > 0)
        {
            if (!codec.TryDecode(pageToken, out var cursor)
                || cursor.FilterFingerprint != search.Fingerprint()
                || cursor.Field != search.SortField
                || cursor.Descending != search.Descending)
            {
                return EnvelopeResult.Error(EmulatorErrors.InvalidPageToken, call.RequestId);
            }

            after = cursor;
        }

        var page = call.RequiredShop.Search(search, after, call.Now);
        return EnvelopeResult.Success(
            new OrderSearchData
            {
                NextPageToken = page.Next is { } next ? codec.Encode(next) : "",
                TotalCount = page.TotalCount,
                Orders = page.Orders,
            },
            call.RequestId);
    }

    private static IResult GetOrderDetail(ApiCall call, HttpContext context)
    {
        var ids = context.Request.Query["ids"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            return EnvelopeResult.Error(EmulatorErrors.MissingOrderIds, call.RequestId);
        }

        if (ids.Length > MaxOrderIds)
        {
            return EnvelopeResult.Error(EmulatorErrors.TooManyOrderIds, call.RequestId);
        }

        var outcome = call.RequiredShop.GetOrders(ids, call.Now);
        return outcome.Error is { } error
            ? EnvelopeResult.Error(error, call.RequestId)
            : EnvelopeResult.Success(new OrderDetailData { Orders = outcome.Value! }, call.RequestId);
    }

    private static IResult GetShippingProviders(ApiCall call, HttpContext context)
    {
        var option = JapaneseCarriers.FindDeliveryOption(RouteValue(context, "delivery_option_id"));
        if (option is null)
        {
            return EnvelopeResult.Error(EmulatorErrors.UnknownDeliveryOption, call.RequestId);
        }

        return EnvelopeResult.Success(
            new ShippingProvidersData
            {
                ShippingProviders = option.Providers.Select(p => new ShippingProviderWire { Id = p.Id, Name = p.Name }).ToList(),
            },
            call.RequestId);
    }

    /// <summary>Mark Package As Shipped; every call for a known order goes into the ship-call record, refused or not.</summary>
    private static IResult MarkPackageAsShipped(ApiCall call, HttpContext context)
    {
        var orderId = RouteValue(context, "order_id");
        if (!TryParseObject(call.Body, out var body)
            || !TryGetString(body, "tracking_number", out var tracking)
            || !TryGetString(body, "shipping_provider_id", out var provider)
            || !TryGetStringArray(body, "order_line_item_ids", out var lineIds))
        {
            RecordRefusedShipCall(context, faulted: false);
            return EnvelopeResult.Error(EmulatorErrors.InvalidFulfillmentParameters, call.RequestId);
        }

        // Drawn before the outcome is known so that the book records a lost answer together with the shipment it hides.
        var loseResponse = context.RequestServices.GetRequiredService<FaultInjector>().LosesShipResponse();
        var outcome = call.RequiredShop.MarkShipped(orderId, tracking, provider, lineIds, call.Now, loseResponse);
        if (outcome.Error is { } error)
        {
            if (!call.RequiredShop.HasOrder(orderId))
            {
                // Sent with another shop's cipher: the call still belongs in the record of the shop that has the order.
                RecordRefusedShipCall(context, faulted: false);
            }

            return EnvelopeResult.Error(error, call.RequestId);
        }

        return loseResponse ? LostResponseResult.Instance : EnvelopeResult.Success(outcome.Value!, call.RequestId);
    }

    private static void RecordRefusedShipCall(HttpContext context, bool faulted)
    {
        var orderId = RouteValue(context, "order_id");
        context.RequestServices.GetRequiredService<OrderStore>().FindBookOfOrder(orderId)?.RecordRefusedShipCall(orderId, faulted);
    }

    private static IResult UpdateShippingInfo(ApiCall call, HttpContext context) =>
        ShippingInfoUpdate(call, (tracking, provider) => call.RequiredShop.UpdateShippingInfo(RouteValue(context, "order_id"), tracking, provider, call.Now));

    private static IResult UpdatePackageShippingInfo(ApiCall call, HttpContext context) =>
        ShippingInfoUpdate(call, (tracking, provider) => call.RequiredShop.UpdatePackageShippingInfo(RouteValue(context, "package_id"), tracking, provider, call.Now));

    // The order and the package variant take the same body; only what they update differs.
    private static EnvelopeResult ShippingInfoUpdate(ApiCall call, Func<string?, string?, Outcome<EmptyData>> update)
    {
        if (!TryParseObject(call.Body, out var body)
            || !TryGetString(body, "tracking_number", out var tracking)
            || !TryGetString(body, "shipping_provider_id", out var provider))
        {
            return EnvelopeResult.Error(EmulatorErrors.InvalidFulfillmentParameters, call.RequestId);
        }

        var outcome = update(tracking, provider);
        return outcome.Error is { } error
            ? EnvelopeResult.Error(error, call.RequestId)
            : EnvelopeResult.Success(outcome.Value!, call.RequestId);
    }

    private static IResult GetPackageDetail(ApiCall call, HttpContext context)
    {
        var outcome = call.RequiredShop.GetPackage(RouteValue(context, "package_id"), call.Now);
        return outcome.Error is { } error
            ? EnvelopeResult.Error(error, call.RequestId)
            : EnvelopeResult.Success(outcome.Value!, call.RequestId);
    }

    private static IResult GetShopWebhooks(ApiCall call, HttpContext context)
    {
        var subscriptions = context.RequestServices.GetRequiredService<WebhookSubscriptions>().ForShop(call.RequiredShop.Shop.Id);
        return EnvelopeResult.Success(
            new WebhooksData
            {
                TotalCount = subscriptions.Count,
                Webhooks = subscriptions
                    .Select(s => new WebhookWire { Address = s.Address, EventType = s.EventType, CreateTime = s.CreateTime, UpdateTime = s.UpdateTime })
                    .ToList(),
            },
            call.RequestId);
    }

    private static IResult UpdateShopWebhook(ApiCall call, HttpContext context)
    {
        if (!TryParseObject(call.Body, out var body)
            || !TryGetString(body, "address", out var address)
            || !TryGetString(body, "event_type", out var eventType))
        {
            return EnvelopeResult.Error(EmulatorErrors.InvalidSearchBody, call.RequestId);
        }

        if (eventType is null || !WebhookSubscriptions.KnownEventTypes.Contains(eventType))
        {
            return EnvelopeResult.Error(EmulatorErrors.InvalidEventType, call.RequestId);
        }

        // TikTok wants https on a domain name without port (docs/tiktok-shop-api.md#webhook-subscriptions); the emulator also accepts http so that local
        // receivers work, a deliberate, documented relaxation.
        if (string.IsNullOrEmpty(address) || address.Length > WebhookSubscriptions.MaxAddressLength
            || !Uri.TryCreate(address, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return EnvelopeResult.Error(EmulatorErrors.InvalidWebhookAddress, call.RequestId);
        }

        context.RequestServices.GetRequiredService<WebhookSubscriptions>().Put(call.RequiredShop.Shop.Id, eventType, address, call.Now);
        return EnvelopeResult.Success(EmptyData.Instance, call.RequestId);
    }

    private static IResult DeleteShopWebhook(ApiCall call, HttpContext context)
    {
        // "Regardless of whether webhook is configured or not, the result will return success." (OAS DeleteShopWebhook)
        if (TryParseObject(call.Body, out var body) && TryGetString(body, "event_type", out var eventType) && eventType is not null)
        {
            context.RequestServices.GetRequiredService<WebhookSubscriptions>().Delete(call.RequiredShop.Shop.Id, eventType);
        }

        return EnvelopeResult.Success(EmptyData.Instance, call.RequestId);
    }

    private static string RouteValue(HttpContext context, string name) =>
        context.Request.RouteValues[name]?.ToString() ?? "";

    private static bool TryParseSearchBody(
        byte[] body, int pageSize, OrderSortField sortField, bool descending, out OrderSearchQuery query)
    {
        query = new OrderSearchQuery { PageSize = pageSize, SortField = sortField, Descending = descending };
        if (body.Length == 0)
        {
            return true;
        }

        if (!TryParseObject(body, out var root)
            || !TryGetString(root, "order_status", out var status)
            || !TryGetLong(root, "create_time_ge", out var createGe)
            || !TryGetLong(root, "create_time_lt", out var createLt)
            || !TryGetLong(root, "update_time_ge", out var updateGe)
            || !TryGetLong(root, "update_time_lt", out var updateLt)
            || !TryGetString(root, "shipping_type", out var shippingType)
            || !TryGetString(root, "buyer_user_id", out var buyer)
            || !TryGetBool(root, "is_buyer_request_cancel", out var cancelRequested)
            || !TryGetStringArray(root, "warehouse_ids", out var warehouses))
        {
            return false;
        }

        query = new OrderSearchQuery
        {
            PageSize = pageSize,
            SortField = sortField,
            Descending = descending,
            OrderStatus = string.IsNullOrEmpty(status) ? null : status,
            CreateTimeGe = createGe,
            CreateTimeLt = createLt,
            UpdateTimeGe = updateGe,
            UpdateTimeLt = updateLt,
            ShippingType = string.IsNullOrEmpty(shippingType) ? null : shippingType,
            BuyerUserId = string.IsNullOrEmpty(buyer) ? null : buyer,
            IsBuyerRequestCancel = cancelRequested,
            WarehouseIds = warehouses,
        };
        return true;
    }

    private static bool TryParseObject(byte[] body, out JsonElement root)
    {
        root = default;
        if (body.Length == 0)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // The TryGet helpers succeed when the property is absent (value null) or has the right type, and fail on a wrong type.

    private static bool TryGetString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static bool TryGetLong(JsonElement root, string name, out long? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number))
        {
            return false;
        }

        value = number;
        return true;
    }

    private static bool TryGetBool(JsonElement root, string name, out bool? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }

        value = element.GetBoolean();
        return true;
    }

    private static bool TryGetStringArray(JsonElement root, string name, out IReadOnlyList<string>? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return false;
        }

        value = element.EnumerateArray().Select(e => e.GetString()!).ToList();
        return true;
    }
}
