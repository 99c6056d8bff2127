using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>Generated orders look like TikTok Shop JP orders (docs/tiktok-shop-api.md#order-object, docs/japanese-operations.md#phone-numbers-and-postal-codes).</summary>
public sealed partial class OrderGenerationTests
{
    private static readonly string[] Prefectures =
    [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県",
        "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県",
        "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
        "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ];

    [Fact]
    public async Task ReleasedOrders_HaveRealisticJapaneseAddresses()
    {
        await using var emulator = await SeededAsync(400);

        var orders = (await OrderPaging.ReadAllAsync(emulator, """{"order_status":"AWAITING_SHIPMENT"}""", 100)).Orders;

        Assert.True(orders.Count > 200);
        foreach (var order in orders)
        {
            var address = order.GetProperty("recipient_address");
            // Live shapes: a few postal codes come hyphenated or in full-width digits, phones hyphenated or masked.
            Assert.Matches(SevenDigits(), address.GetProperty("postal_code").GetString()!.Normalize(System.Text.NormalizationForm.FormKC).Replace("-", "", StringComparison.Ordinal));
            var phone = address.GetProperty("phone_number").GetString()!;
            Assert.Matches(JapanesePhone(), order.GetProperty("shipping_type").GetString() == "TIKTOK" ? phone.Replace('*', '0') : phone.Replace("-", "", StringComparison.Ordinal));
            Assert.Equal("JP", address.GetProperty("region_code").GetString());
            var districts = address.GetProperty("district_info").EnumerateArray().ToList();
            // A designated city's ward may travel as its own level: L2 市, L3 区, L4 town.
            var split = districts.Count == 5;
            Assert.Equal(split ? ["L0", "L1", "L2", "L3", "L4"] : ["L0", "L1", "L2", "L3"], districts.Select(d => d.GetProperty("address_level").GetString()));
            Assert.Equal("日本", districts[0].GetProperty("address_name").GetString());
            var prefecture = districts[1].GetProperty("address_name").GetString()!;
            Assert.Contains(prefecture, Prefectures);
            var city = districts[2].GetProperty("address_name").GetString()! + (split ? districts[3].GetProperty("address_name").GetString()! : "");
            var town = districts[^1].GetProperty("address_name").GetString()!;
            var line1 = address.GetProperty("address_line1").GetString()!;
            Assert.Matches(StreetNumber(), line1);
            Assert.StartsWith(prefecture + city + town + line1, address.GetProperty("full_address").GetString(), StringComparison.Ordinal);
        }

        Assert.True(orders.Select(o => o.GetProperty("recipient_address").GetProperty("district_info")[1].GetProperty("address_name").GetString()).Distinct().Count() > 20);
    }

    [Fact]
    public async Task Names_KanjiInNameFields_KatakanaOnlyInLocalScriptFields()
    {
        await using var emulator = await SeededAsync(200);

        var orders = (await OrderPaging.ReadAllAsync(emulator, """{"order_status":"AWAITING_SHIPMENT"}""", 100)).Orders;

        // TikTok-shipped orders carry a masked name (checked in LiveShapes_TikTokShippedOrders_AreFewAndMasked).
        foreach (var address in orders.Where(o => o.GetProperty("shipping_type").GetString() == "SELLER").Select(o => o.GetProperty("recipient_address")))
        {
            foreach (var field in new[] { "name", "first_name", "last_name" })
            {
                var value = address.GetProperty(field).GetString()!;
                Assert.False(string.IsNullOrWhiteSpace(value));
                Assert.DoesNotMatch(Katakana(), value);
            }

            Assert.Matches(AllKatakana(), address.GetProperty("first_name_local_script").GetString());
            Assert.Matches(AllKatakana(), address.GetProperty("last_name_local_script").GetString());
            var name = address.GetProperty("name").GetString()!;
            Assert.StartsWith(address.GetProperty("last_name").GetString()!, name, StringComparison.Ordinal);
            Assert.EndsWith(address.GetProperty("first_name").GetString()!, name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LineItems_OnePerUnit_AndPaymentAddsUp()
    {
        await using var emulator = await SeededAsync(300);

        var orders = (await OrderPaging.ReadAllAsync(emulator, pageSize: 100)).Orders;

        Assert.Contains(orders, o => o.GetProperty("line_items").EnumerateArray().GroupBy(l => l.GetProperty("sku_id").GetString()).Any(g => g.Count() > 1));
        Assert.Contains(orders, o => o.GetProperty("line_items").EnumerateArray().Select(l => l.GetProperty("sku_id").GetString()).Distinct().Count() >= 3);
        foreach (var order in orders)
        {
            var lines = order.GetProperty("line_items").EnumerateArray().ToList();
            Assert.InRange(lines.Select(l => l.GetProperty("sku_id").GetString()).Distinct().Count(), 1, 5);
            Assert.Equal(lines.Count, lines.Select(l => l.GetProperty("id").GetString()).Distinct().Count());
            foreach (var sameSku in lines.GroupBy(l => l.GetProperty("sku_id").GetString()))
            {
                Assert.Single(sameSku.Select(l => l.GetProperty("sale_price").GetString()).Distinct());
            }

            var payment = order.GetProperty("payment");
            Assert.Equal("JPY", payment.GetProperty("currency").GetString());
            var subTotal = Yen(payment, "sub_total");
            Assert.Equal(lines.Sum(l => Yen(l, "sale_price")), subTotal);
            Assert.Equal(lines.Sum(l => Yen(l, "original_price")), Yen(payment, "original_total_product_price"));
            Assert.Equal(Yen(payment, "original_total_product_price") - Yen(payment, "seller_discount") - Yen(payment, "platform_discount"), subTotal);
            Assert.Equal(Yen(payment, "original_shipping_fee") - Yen(payment, "shipping_fee_seller_discount") - Yen(payment, "shipping_fee_platform_discount"), Yen(payment, "shipping_fee"));
            Assert.Equal(subTotal + Yen(payment, "shipping_fee"), Yen(payment, "total_amount"));
            Assert.Equal("FULFILLMENT_BY_SELLER", order.GetProperty("fulfillment_type").GetString());
            Assert.Contains(order.GetProperty("shipping_type").GetString(), new[] { "SELLER", "TIKTOK" });
            Assert.False(string.IsNullOrEmpty(order.GetProperty("delivery_option_id").GetString()));
            Assert.False(string.IsNullOrEmpty(order.GetProperty("warehouse_id").GetString()));
            Assert.EndsWith("@chat.seller.tiktok.com", order.GetProperty("buyer_email").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnpaidAndOnHoldOrders_CarryNoAddress()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var unpaid = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { Status = OrderStatuses.Unpaid });
        var onHold = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { Status = OrderStatuses.OnHold });
        var released = emulator.Control.CreateOrder(TestEmulator.ShopA1);

        Assert.False((await emulator.GetOrderAsync(unpaid)).TryGetProperty("recipient_address", out _));
        Assert.False((await emulator.GetOrderAsync(onHold)).TryGetProperty("recipient_address", out _));
        Assert.True((await emulator.GetOrderAsync(released)).TryGetProperty("recipient_address", out _));
    }

    [Fact]
    public async Task SeededOrders_MixStatusesAndSometimesCarryABuyerMessage()
    {
        await using var emulator = await SeededAsync(600);

        var orders = (await OrderPaging.ReadAllAsync(emulator, pageSize: 100)).Orders;

        var statuses = orders.Select(o => o.GetProperty("status").GetString()).ToHashSet();
        Assert.Contains(OrderStatuses.AwaitingShipment, statuses);
        Assert.Contains(OrderStatuses.Cancelled, statuses);
        Assert.Contains(orders, o => o.GetProperty("buyer_message").GetString()!.Length > 0);
        Assert.Contains(orders, o => o.GetProperty("buyer_message").GetString()!.Length == 0);
        var cancelled = orders.Where(o => o.GetProperty("status").GetString() == OrderStatuses.Cancelled).ToList();
        Assert.All(cancelled, o => Assert.Contains(o.GetProperty("cancellation_initiator").GetString(), new[] { "BUYER", "SYSTEM" }));
        Assert.All(cancelled, o => Assert.True(o.GetProperty("cancel_time").GetInt64() > 0));
        Assert.All(cancelled, o => Assert.All(o.GetProperty("line_items").EnumerateArray(), l => Assert.Equal("CANCELLED", l.GetProperty("display_status").GetString())));
    }

    [Fact]
    public async Task SeededOrders_AFewLoseALineOrChangeAddress_TheRestDoNot()
    {
        await using var emulator = await SeededAsync(2000);

        var open = (await OrderPaging.ReadAllAsync(emulator, pageSize: 100)).Orders
            .Where(o => o.GetProperty("status").GetString() != OrderStatuses.Cancelled).ToList();

        var partlyCancelled = open.Count(o => o.GetProperty("line_items").EnumerateArray().Any(l => l.GetProperty("display_status").GetString() == "CANCELLED"));
        var addressChanged = open.Count(o => o.GetProperty("has_updated_recipient_address").GetBoolean());
        Assert.InRange(partlyCancelled, 1, open.Count / 20);
        Assert.InRange(addressChanged, 1, open.Count / 20);
    }

    [Fact]
    public async Task SameSeed_GivesTheSameOrders_AnotherSeedDifferentOnes()
    {
        await using var first = await SeededAsync(50, seed: 7);
        await using var second = await SeededAsync(50, seed: 7);
        await using var other = await SeededAsync(50, seed: 8);

        var a = await AllJsonAsync(first);
        var b = await AllJsonAsync(second);
        var c = await AllJsonAsync(other);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    private static async Task<string> AllJsonAsync(TestEmulator emulator) =>
        string.Join('\n', (await OrderPaging.ReadAllAsync(emulator, pageSize: 100)).Orders.Select(o => o.GetRawText()));

    internal static Task<TestEmulator> SeededAsync(int ordersPerShop, int seed = 1) =>
        TestEmulator.StartAsync(options =>
        {
            options.SeedOrdersPerShop = ordersPerShop;
            options.RandomSeed = seed;
        });

    private static long Yen(JsonElement element, string property)
    {
        var text = element.GetProperty(property).GetString()!;
        Assert.Matches(WholeYen(), text);
        return long.Parse(text, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task LiveShapes_TikTokShippedAndOldFlowOrders_AreFewAndTikTokShippedOnesAreMasked()
    {
        await using var emulator = await SeededAsync(400);

        var orders = (await OrderPaging.ReadAllAsync(emulator, """{"order_status":"AWAITING_SHIPMENT"}""", 100)).Orders;

        var tikTokShipped = orders.Where(o => o.GetProperty("shipping_type").GetString() == "TIKTOK").ToList();
        Assert.InRange(tikTokShipped.Count, 1, orders.Count / 10);
        Assert.All(tikTokShipped, o => Assert.Contains('*', o.GetProperty("recipient_address").GetProperty("phone_number").GetString()!));
        Assert.All(tikTokShipped, o => Assert.Contains('*', o.GetProperty("recipient_address").GetProperty("name").GetString()!));
        var oldFlow = orders.Count(o => !o.GetProperty("is_on_hold_order").GetBoolean());
        Assert.InRange(oldFlow, 1, orders.Count / 5);
    }

    [GeneratedRegex("^[0-9]{7}$")]
    private static partial Regex SevenDigits();

    [GeneratedRegex(@"^\(\+81\)0[0-9]{9,10}$")]
    private static partial Regex JapanesePhone();

    [GeneratedRegex("^[0-9]+(-[0-9]+){1,2}$")]
    private static partial Regex StreetNumber();

    [GeneratedRegex("[\u30A1-\u30FA\u30FC]")]
    private static partial Regex Katakana();

    [GeneratedRegex("^[\u30A1-\u30FA\u30FC]+$")]
    private static partial Regex AllKatakana();

    [GeneratedRegex("^(0|[1-9][0-9]*)$")]
    private static partial Regex WholeYen();
}
