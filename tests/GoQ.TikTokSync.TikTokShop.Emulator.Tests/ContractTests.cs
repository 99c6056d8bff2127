using System.Text.Json.Nodes;
using GoQ.TikTokSync.Testing.OpenApiContract;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>
/// Every endpoint the client uses, answered with success and with an error, validated against the OAS. (Every call made
/// through <see cref="TestEmulator"/> is validated too; this class makes the coverage explicit in one place.)
/// </summary>
public sealed class ContractTests
{
    [Fact]
    public async Task EveryEndpoint_SuccessAndErrorAnswers_ValidateAgainstTheOas()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.SeedOrders(TestEmulator.ShopA1, 80, emulator.Control.Now.AddDays(-5), emulator.Control.Now);
        var orderId = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { DistinctSkus = 3, DeliveryOptionId = JapaneseCarriers.StandardDelivery.Id });
        var yamato = JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.Yamato, 123);
        var answers = new List<(string Name, ApiResponse Response, bool Success)>();
        void Record(string name, ApiResponse response, bool success) => answers.Add((name, response, success));

        Record("shops", await emulator.CallAsync("GET", "/authorization/202309/shops", shopCipher: null), true);
        Record("shops error", await emulator.CallAsync("GET", "/authorization/202309/shops"), false);
        Record("search", await emulator.SearchAsync(pageSize: 100), true);
        Record("search error", await emulator.SearchAsync(pageSize: 0), false);
        Record("detail", await emulator.CallAsync("GET", "/order/202309/orders", new Dictionary<string, string> { ["ids"] = orderId }), true);
        Record("detail error", await emulator.CallAsync("GET", "/order/202309/orders", new Dictionary<string, string> { ["ids"] = "1" }), false);
        Record("providers", await emulator.CallAsync("GET", $"/logistics/202309/delivery_options/{JapaneseCarriers.StandardDelivery.Id}/shipping_providers"), true);
        Record("providers error", await emulator.CallAsync("GET", "/logistics/202309/delivery_options/1/shipping_providers"), false);
        var shipped = await emulator.ShipAsync(orderId, yamato, JapaneseCarriers.Yamato.Id);
        Record("ship", shipped, true);
        Record("ship error", await emulator.ShipAsync(orderId, yamato, JapaneseCarriers.Yamato.Id), false);
        Record("update", await emulator.UpdateShippingInfoAsync(orderId, JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.Yamato, 124), JapaneseCarriers.Yamato.Id), true);
        Record("update error", await emulator.UpdateShippingInfoAsync(orderId, yamato, JapaneseCarriers.Yamato.Id), false);
        Record("package", await emulator.CallAsync("GET", $"/fulfillment/202309/packages/{shipped.Data.GetProperty("package_id").GetString()}"), true);
        Record("package error", await emulator.CallAsync("GET", "/fulfillment/202309/packages/1"), false);
        Record("put webhook", await emulator.CallAsync("PUT", "/event/202309/webhooks", body: """{"address":"https://oms.example.jp/hook","event_type":"ORDER_STATUS_CHANGE"}"""), true);
        Record("put webhook error", await emulator.CallAsync("PUT", "/event/202309/webhooks", body: """{"address":"","event_type":"ORDER_STATUS_CHANGE"}"""), false);
        Record("get webhooks", await emulator.CallAsync("GET", "/event/202309/webhooks"), true);
        Record("get webhooks error", await emulator.CallAsync("GET", "/event/202309/webhooks", shopCipher: null), false);
        Record("delete webhook", await emulator.CallAsync("DELETE", "/event/202309/webhooks", body: """{"event_type":"ORDER_STATUS_CHANGE"}"""), true);
        Record("delete webhook error", await emulator.CallAsync("DELETE", "/event/202309/webhooks", body: """{"event_type":"ORDER_STATUS_CHANGE"}""", useDefaultToken: false), false);
        emulator.Control.SetFaults(new FaultSettings { RateLimitBurst = 1 });
        Record("rate limited", await emulator.SearchAsync(), false);

        Assert.All(answers, a => Assert.True(a.Success == (a.Response.Code == 0), $"{a.Name}: {a.Response.Body}"));
        Assert.Contains(answers, a => a.Name == "search" && a.Response.Data.GetProperty("orders").GetArrayLength() > 50);
    }

    [Fact]
    public async Task TokenAnswers_SuccessAndError_ValidateAgainstTheTokenSchema()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var code = emulator.Control.CreateAuthorizationCode(TestEmulator.SellerA);

        var success = await emulator.ExchangeCodeAsync(code);
        var error = await emulator.ExchangeCodeAsync(code);
        var refreshed = await emulator.RefreshAsync(success.Data.GetProperty("refresh_token").GetString()!);

        success.AssertSuccess();
        error.AssertError(36004004);
        refreshed.AssertSuccess();
    }

    [Fact]
    public async Task Validator_WouldCatchAnInventedField_SoTheseChecksCanFail()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var answer = await emulator.CallAsync("GET", "/authorization/202309/shops", shopCipher: null);

        var tampered = answer.Body.Replace("\"seller_type\"", "\"shop_type\"", StringComparison.Ordinal);

        Assert.False(TikTokShopOpenApi.Load().ValidateResponseBody("GET", "/authorization/202309/shops", tampered).IsValid);
        Assert.True(TikTokShopOpenApi.Load().ValidateResponseBody("GET", "/authorization/202309/shops", answer.Body).IsValid);
    }

    [Fact]
    public async Task AllOrderStatusesAndLineStates_ValidateAgainstTheOas()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var ids = new List<string>
        {
            emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { Status = OrderStatuses.Unpaid }),
            emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { Status = OrderStatuses.OnHold }),
        };
        var split = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { DistinctSkus = 2, UnitsPerSku = 1, DeliveryOptionId = JapaneseCarriers.StandardDelivery.Id });
        var firstLine = (await emulator.GetOrderAsync(split)).GetProperty("line_items")[0].GetProperty("id").GetString()!;
        (await emulator.ShipAsync(split, JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.Sagawa, 77), JapaneseCarriers.Sagawa.Id, [firstLine])).AssertSuccess();
        ids.Add(split);
        for (var steps = 0; steps <= 3; steps++)
        {
            var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { DeliveryOptionId = JapaneseCarriers.StandardDelivery.Id });
            (await emulator.ShipAsync(id, JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.JapanPost, 100 + steps), JapaneseCarriers.JapanPost.Id)).AssertSuccess();
            for (var i = 0; i < steps; i++)
            {
                emulator.Control.AdvanceOrder(id);
            }

            ids.Add(id);
        }

        var cancelled = emulator.Control.CreateOrder(TestEmulator.ShopA1);
        emulator.Control.CancelOrder(cancelled, CancelInitiator.Seller);
        ids.Add(cancelled);

        var detail = await emulator.CallAsync("GET", "/order/202309/orders", new Dictionary<string, string> { ["ids"] = string.Join(',', ids) });

        var statuses = detail.AssertSuccess().Data.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("status").GetString()).ToList();
        Assert.Equal(OrderStatuses.All.Except([OrderStatuses.AwaitingShipment]).Order(), statuses.Order());
    }

    [Theory]
    [InlineData("packages")]
    [InlineData("order_type")]
    [InlineData("line_items/0/package_id")]
    public async Task Validator_WouldCatchAShippedOrderMissingAField_SoTheseChecksCanFail(string dropped)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var orderId = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { DeliveryOptionId = JapaneseCarriers.StandardDelivery.Id });
        (await emulator.ShipAsync(orderId, JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.Yamato, 321), JapaneseCarriers.Yamato.Id)).AssertSuccess();
        var answer = await emulator.CallAsync("GET", "/order/202309/orders", new Dictionary<string, string> { ["ids"] = orderId });

        var tampered = JsonNode.Parse(answer.Body)!.AsObject();
        JsonNode holder = tampered["data"]!["orders"]![0]!;
        var path = dropped.Split('/');
        foreach (var step in path[..^1])
        {
            holder = holder is JsonArray items ? items[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)]! : holder[step]!;
        }

        Assert.True(holder.AsObject().Remove(path[^1]), $"the emulator's answer has no {dropped} to drop");
        var errors = TikTokShopOpenApi.Load().ValidateResponseBody("GET", "/order/202309/orders", tampered.ToJsonString()).Errors;

        Assert.Contains(errors, error => error.Contains($"\"{path[^1]}\"", StringComparison.Ordinal) && error.Contains("Required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validator_WouldCatchAShipAnswerMissingThePackageId_SoTheseChecksCanFail()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var orderId = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { DeliveryOptionId = JapaneseCarriers.StandardDelivery.Id });
        var shipped = (await emulator.ShipAsync(orderId, JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.Yamato, 322), JapaneseCarriers.Yamato.Id)).AssertSuccess();
        var packageId = shipped.Data.GetProperty("package_id").GetString()!;
        var detail = await emulator.CallAsync("GET", $"/fulfillment/202309/packages/{packageId}");
        var oas = TikTokShopOpenApi.Load();

        var shipAnswer = JsonNode.Parse(shipped.Body)!.AsObject();
        shipAnswer["data"]!.AsObject().Remove("package_id");
        var detailAnswer = JsonNode.Parse(detail.Body)!.AsObject();
        detailAnswer["data"]!.AsObject().Remove("package_id");

        Assert.Contains(
            oas.ValidateResponseBody("POST", $"/fulfillment/202309/orders/{orderId}/packages", shipAnswer.ToJsonString()).Errors,
            error => error.StartsWith("/data:", StringComparison.Ordinal) && error.Contains("\"package_id\"", StringComparison.Ordinal));
        Assert.Contains(
            oas.ValidateResponseBody("GET", $"/fulfillment/202309/packages/{packageId}", detailAnswer.ToJsonString()).Errors,
            error => error.StartsWith("/data:", StringComparison.Ordinal) && error.Contains("\"package_id\"", StringComparison.Ordinal));
    }
}
