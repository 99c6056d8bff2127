using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.TikTokShop.Tests;

public sealed class OptionsTests
{
    private static Dictionary<string, string?> ValidSettings() => new()
    {
        ["TikTokShop:AppKey"] = "29a39d",
        ["TikTokShop:AppSecret"] = "e59af819cc",
        ["TikTokShop:ServiceId"] = "7123456789012345678",
    };

    private static async Task StartHostAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTikTokShopClient(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public void Defaults_PointAtTheRealHosts_AndTheDocumentedRateLimit()
    {
        var services = new ServiceCollection();
        services.AddTikTokShopClient(new ConfigurationBuilder().AddInMemoryCollection(ValidSettings()).Build());
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<TikTokShopOptions>>().Value;

        Assert.Equal(new Uri(TikTokShopHosts.ApiBaseUrl), options.ApiBaseUrl);
        Assert.Equal(new Uri("https://open-api.tiktokglobalshop.com"), options.ApiBaseUrl);
        Assert.Equal(new Uri("https://auth.tiktok-shops.com"), options.AuthBaseUrl);
        Assert.Equal(new Uri("https://services.tiktokshop.com/open/authorize"), options.AuthorizeUrl);
        Assert.Equal(50, options.RequestsPerSecondPerEndpoint);
    }

    [Fact]
    public async Task ValidSettings_Start()
    {
        await StartHostAsync(ValidSettings());
    }

    [Theory]
    [InlineData("TikTokShop:AppKey", "")]
    [InlineData("TikTokShop:AppSecret", "")]
    [InlineData("TikTokShop:ServiceId", "")]
    [InlineData("TikTokShop:ApiBaseUrl", "open-api.example")]
    [InlineData("TikTokShop:AuthBaseUrl", "/relative/path")]
    [InlineData("TikTokShop:AuthorizeUrl", "ftp://services.example/open/authorize")]
    [InlineData("TikTokShop:RequestsPerSecondPerEndpoint", "0")]
    public async Task InvalidSettings_FailAtStart(string key, string value)
    {
        var settings = ValidSettings();
        settings[key] = value;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartHostAsync(settings));

        // Several start-time validators may read the options, so the failures can arrive aggregated.
        var failures = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error];
        Assert.NotEmpty(failures);
        Assert.All(failures, failure =>
        {
            var validation = Assert.IsType<OptionsValidationException>(failure);
            Assert.Contains(key.Split(':')[1], validation.Message, StringComparison.Ordinal);
        });
    }
}
