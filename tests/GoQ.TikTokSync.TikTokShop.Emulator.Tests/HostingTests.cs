using System.Net.Http.Json;
using System.Text.Json;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>The emulator as the app's demo mode and other test projects host it.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task StartAsync_ServesApiTokenAndConsentOnOneLoopbackBaseUrl()
    {
        var options = new EmulatorOptions { SeedOrdersPerShop = 20 };
        await using var emulator = await TikTokShopEmulator.StartAsync(options);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };

        var consent = await http.GetAsync($"open/authorize?service_id={options.ServiceId}&state=x");
        var token = await http.GetFromJsonAsync<JsonElement>($"api/v2/token/get?app_key={options.AppKey}&app_secret={options.AppSecret}&auth_code=nope&grant_type=authorized_code");
        var control = await http.GetFromJsonAsync<JsonElement>("_emulator/");

        Assert.Equal("127.0.0.1", emulator.BaseUrl.Host);
        Assert.NotEqual(0, emulator.BaseUrl.Port);
        Assert.Contains("ログイン", await consent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(36004004, token.GetProperty("code").GetInt32());
        Assert.Equal(DemoDefaults.ShopId, control.GetProperty("shops")[0].GetProperty("id").GetString());
        Assert.Equal(20, emulator.Control.ListOrders().Count);
    }

    [Fact]
    public void DemoDefaults_DescribeOneJapaneseLocalShop()
    {
        var options = new EmulatorOptions();

        var shop = Assert.Single(Assert.Single(options.Sellers).Shops);

        Assert.Equal("JP", shop.Region);
        Assert.Equal("LOCAL", shop.SellerType);
        Assert.Equal(DemoDefaults.AppKey, options.AppKey);
        Assert.Equal([TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30), TimeSpan.FromHours(3), TimeSpan.FromHours(12)], options.WebhookRetryDelays);
        Assert.Equal(50, options.RateLimitPerSecond);
    }

    [Fact]
    public async Task TwoEmulators_RunSideBySideWithoutSharingState()
    {
        await using var first = await TestEmulator.StartAsync();
        await using var second = await TestEmulator.StartAsync();

        first.Control.CreateOrder(TestEmulator.ShopA1);

        Assert.Single(first.Control.ListOrders());
        Assert.Empty(second.Control.ListOrders());
    }
}
