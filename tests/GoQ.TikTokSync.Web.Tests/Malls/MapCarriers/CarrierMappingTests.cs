using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Malls.MapCarriers;

/// <summary>Carrier → TikTok shipping_provider_id, resolved from Get Shipping Providers, cached, correctable by an admin.</summary>
public sealed class CarrierMappingTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new() { SeedOrders = 20 };
    private int _connectionId;
    private string _deliveryOptionId = string.Empty;

    public async Task InitializeAsync()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        _connectionId = await _factory.AddAuthorizedConnectionAsync(admin.Id);
        await _factory.ImportAsync(_connectionId, ImportMode.ConfiguredDays);
        _deliveryOptionId = await _factory.QueryAsync(db => db.Orders.Select(o => o.DeliveryOptionId!).FirstAsync());
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<ShippingProviderMapping?> ResolveAsync(Carrier carrier)
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ShippingProviders>().ResolveAsync(_connectionId, _deliveryOptionId, carrier, CancellationToken.None);
    }

    [Fact]
    public async Task Resolve_JapaneseCarriers_AreMappedFromTheDeliveryOptionsProvidersAndCached()
    {
        var yamato = await ResolveAsync(Carrier.Yamato);
        var sagawa = await ResolveAsync(Carrier.Sagawa);

        Assert.NotNull(yamato);
        Assert.NotNull(sagawa);
        Assert.NotEqual(yamato.ShippingProviderId, sagawa.ShippingProviderId);
        Assert.Contains("Yamato", yamato.ShippingProviderName, StringComparison.OrdinalIgnoreCase);
        var rows = await _factory.QueryAsync(db => db.ShippingProviderMappings.Where(m => m.MallConnectionId == _connectionId).ToListAsync());
        Assert.Equal(rows.Count, rows.Select(r => r.Carrier).Distinct().Count());
        Assert.True(rows.Count >= 2);
    }

    [Fact]
    public async Task AdministratorCorrection_IsKeptWhenProvidersAreLoadedAgain()
    {
        var sagawa = (await ResolveAsync(Carrier.Sagawa))!;
        using (var scope = _factory.Services.CreateScope())
        {
            var providers = scope.ServiceProvider.GetRequiredService<ShippingProviders>();
            await providers.SetByAdministratorAsync(_connectionId, _deliveryOptionId, Carrier.Yamato, new TikTokShippingProvider { Id = sagawa.ShippingProviderId, Name = sagawa.ShippingProviderName }, CancellationToken.None);
            await providers.LoadFromTikTokAsync(_connectionId, _deliveryOptionId, CancellationToken.None);
        }

        var yamato = await ResolveAsync(Carrier.Yamato);

        Assert.Equal(sagawa.ShippingProviderId, yamato!.ShippingProviderId);
        Assert.True(yamato.SetByAdministrator);
    }

    [Fact]
    public async Task Resolve_AnotherRunSavedTheSameDeliveryOptionFirst_MergesOntoItsRowsInsteadOfFailing()
    {
        // Two pushes (e.g. 発送情報を更新 and 自動書き出し) load the same delivery option at once: both find no rows,
        // both ask TikTok, and the other one saves first.
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        var otherRunSaved = false;
        db.SavingChanges += (_, _) =>
        {
            if (otherRunSaved)
            {
                return;
            }

            otherRunSaved = true;
            using var otherScope = _factory.Services.CreateScope();
            var otherDb = otherScope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
            otherDb.ShippingProviderMappings.Add(new ShippingProviderMapping
            {
                MallConnectionId = _connectionId,
                DeliveryOptionId = _deliveryOptionId,
                Carrier = Carrier.Yamato,
                ShippingProviderId = "saved-by-the-other-run",
                ShippingProviderName = "Yamato",
                UpdatedAtUtc = DateTime.UtcNow,
            });
            otherDb.SaveChanges();
        };

        var yamato = await scope.ServiceProvider.GetRequiredService<ShippingProviders>().ResolveAsync(_connectionId, _deliveryOptionId, Carrier.Yamato, CancellationToken.None);

        Assert.True(otherRunSaved);
        Assert.NotNull(yamato);
        Assert.NotEqual("saved-by-the-other-run", yamato.ShippingProviderId);
        Assert.Equal(yamato.ShippingProviderId, (await ResolveAsync(Carrier.Yamato))!.ShippingProviderId);
        var rows = await _factory.QueryAsync(db => db.ShippingProviderMappings.Where(m => m.MallConnectionId == _connectionId).ToListAsync());
        Assert.Single(rows, r => r.Carrier == Carrier.Yamato);
        Assert.NotNull(await ResolveAsync(Carrier.Sagawa));
    }

    [Theory]
    [InlineData("Yamato Transport", Carrier.Yamato)]
    [InlineData("佐川急便", Carrier.Sagawa)]
    [InlineData("Japan Post", Carrier.JapanPost)]
    [InlineData("Seino Super Express", Carrier.SeinoSuperExpress)]
    [InlineData("Seino Transportation", Carrier.SeinoTransportation)]
    [InlineData("USPS", null)]
    public void Recognise_EnglishOrJapaneseName_GivesTheCarrier(string name, Carrier? expected) =>
        Assert.Equal(expected, CarrierProviderNames.Recognise(name));
}
