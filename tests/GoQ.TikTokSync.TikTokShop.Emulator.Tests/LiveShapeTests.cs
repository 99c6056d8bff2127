using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>The live JP shapes asked for through the control surface: the old flow, TikTok-shipped masking, access refusals.</summary>
public sealed class LiveShapeTests
{
    [Fact]
    public async Task OldFlowOrder_PaidSkipsOnHold_AndTheBuyerCancelsOutrightWithinTheHourButOnlyRequestsAfter()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var unpaid = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { Status = OrderStatuses.Unpaid, PaysAfter = TimeSpan.FromMinutes(5), OnHoldFlow = false });
        var late = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { OnHoldFlow = false, PaidAgo = TimeSpan.FromMinutes(61) });

        emulator.Time.Advance(TimeSpan.FromMinutes(5));
        var paid = await emulator.GetOrderAsync(unpaid);
        var cancelledWithinHour = emulator.Control.CancelOrder(unpaid, CancelInitiator.Buyer);
        var requestedAfterHour = emulator.Control.CancelOrder(late, CancelInitiator.Buyer);

        Assert.Equal(OrderStatuses.AwaitingShipment, paid.GetProperty("status").GetString());
        Assert.False(paid.GetProperty("is_on_hold_order").GetBoolean());
        Assert.True(paid.TryGetProperty("recipient_address", out var address) && address.ValueKind == System.Text.Json.JsonValueKind.Object);
        Assert.Equal(OrderStatuses.Cancelled, cancelledWithinHour);
        Assert.Equal(OrderStatuses.AwaitingShipment, requestedAfterHour);
    }

    [Fact]
    public async Task TikTokShippedOrder_SendsShippingTypeTikTokWithMaskedNameAndPhone()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { ShippingType = "TIKTOK" });

        var order = await emulator.GetOrderAsync(id);

        Assert.Equal("TIKTOK", order.GetProperty("shipping_type").GetString());
        var recipient = order.GetProperty("recipient_address");
        Assert.Matches(@"^\(\+81\)0[0-9]{2}\*+[0-9]{2}$", recipient.GetProperty("phone_number").GetString());
        Assert.EndsWith("***", recipient.GetProperty("name").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseAccess_MissingScopeForOneEndpoint_RefusesOnlyThatEndpointUntilCleared()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1);
        emulator.Control.RefuseAccess(new ShopAccessRefusal(TestEmulator.ShopA1, AccessRefusalKind.MissingScope, "GetOrderList"));

        var refused = await emulator.SearchAsync();
        var detail = await emulator.GetOrderAsync(id);
        emulator.Control.ClearAccessRefusals();
        var again = await emulator.SearchAsync();

        Assert.Equal(105005, refused.Code);
        Assert.Equal(id, detail.GetProperty("id").GetString());
        Assert.Equal(0, again.Code);
    }

    [Fact]
    public async Task RefuseAccess_InvalidCredentials_AnswersTheInvalidTokenError()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.RefuseAccess(new ShopAccessRefusal(TestEmulator.ShopA1, AccessRefusalKind.InvalidCredentials));

        var refused = await emulator.SearchAsync();

        Assert.Equal(36009004, refused.Code);
        Assert.StartsWith("Invalid credentials", refused.Root.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
