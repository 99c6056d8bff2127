using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Core.Tests.Import.FetchOrders;

/// <summary>The per-connection fetch lease on every store the suite can run: database clock, renewal, loss and expiry.</summary>
public sealed class FetchLeaseTests : IAsyncLifetime
{
    private TestStore? _store;
    private ServiceProvider? _services;
    private int _connectionId;

    private async Task StartAsync(DatabaseProvider provider)
    {
        var store = _store = await TestStore.CreateMigratedAsync(provider);
        _services = new ServiceCollection().AddScoped(_ => store.CreateContext()).BuildServiceProvider();
        await using var db = store.CreateContext();
        var connection = new MallConnection { DisplayName = "1号店" };
        db.MallConnections.Add(connection);
        await db.SaveChangesAsync();
        _connectionId = connection.Id;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private FetchLease Lease(TimeProvider time, JobOptions? options = null) =>
        new(_store!.CreateContext(), _services!.GetRequiredService<IServiceScopeFactory>(), Options.Create(options ?? new JobOptions()), time, NullLogger<FetchLease>.Instance);

    private static JobOptions Quick => new() { LeaseDuration = TimeSpan.FromSeconds(2), KeepAliveInterval = TimeSpan.FromMilliseconds(200) };

    /// <summary>Writes the lease as another node would have left it, until the database's now plus <paramref name="seconds"/>.</summary>
    private async Task SetLeaseAsync(string owner, double seconds)
    {
        await using var db = _store!.CreateContext();
        await db.MallConnections.Where(c => c.Id == _connectionId).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.FetchLeaseOwner, owner)
            .SetProperty(c => c.FetchLeaseUntilUtc, c => (DateTime?)DateTime.UtcNow.AddSeconds(seconds)));
    }

    private async Task<MallConnection> ConnectionAsync()
    {
        await using var db = _store!.CreateContext();
        return await db.MallConnections.AsNoTracking().SingleAsync(c => c.Id == _connectionId);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task TryAcquire_LeaseExpiredOnDatabaseClock_IsTakenWhateverTheNodeClockSays(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await SetLeaseAsync("node-that-died", -60);
        // This node's clock is years behind: by its own reckoning the old lease would still run for years.
        var lagging = new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

        await using var held = await Lease(lagging).TryAcquireAsync(_connectionId, CancellationToken.None);

        Assert.NotNull(held);
        Assert.Equal(held.LeaseOwner, (await ConnectionAsync()).FetchLeaseOwner);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task TryAcquire_LeaseValidOnDatabaseClock_IsRefusedEvenWhenTheNodeClockIsAhead(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await SetLeaseAsync("running-node", 60);
        var ahead = new FakeTimeProvider(new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));

        await using var held = await Lease(ahead).TryAcquireAsync(_connectionId, CancellationToken.None);

        Assert.Null(held);
        Assert.Equal("running-node", (await ConnectionAsync()).FetchLeaseOwner);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task HeldLease_RunLongerThanItsDuration_IsRenewedAndReleasedOnDispose(DatabaseProvider provider)
    {
        await StartAsync(provider);
        // Twenty renewals per lease duration: only a run whose keep-alive stopped loses the lease, not one whose timer was
        // late on a machine busy with the rest of the suite (seen with 2 s and ten renewals).
        var renewing = new JobOptions { LeaseDuration = TimeSpan.FromSeconds(4), KeepAliveInterval = TimeSpan.FromMilliseconds(200) };
        var first = await Lease(TimeProvider.System, renewing).TryAcquireAsync(_connectionId, CancellationToken.None);
        Assert.NotNull(first);
        var takenUntil = (await ConnectionAsync()).FetchLeaseUntilUtc;

        await Task.Delay(TimeSpan.FromSeconds(5));
        var whileHeld = await Lease(TimeProvider.System, renewing).TryAcquireAsync(_connectionId, CancellationToken.None);
        var renewedUntil = (await ConnectionAsync()).FetchLeaseUntilUtc;
        await first.DisposeAsync();
        var released = await ConnectionAsync();
        await using var afterRelease = await Lease(TimeProvider.System, renewing).TryAcquireAsync(_connectionId, CancellationToken.None);

        Assert.Null(whileHeld);
        Assert.False(first.Token.IsCancellationRequested);
        Assert.True(renewedUntil > takenUntil, $"lease not renewed: {takenUntil:O} → {renewedUntil:O}");
        Assert.Null(released.FetchLeaseOwner);
        Assert.NotNull(afterRelease);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task HeldLease_TakenOverByAnotherOwner_CancelsTheRunToken(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await using var held = await Lease(TimeProvider.System, Quick).TryAcquireAsync(_connectionId, CancellationToken.None);
        Assert.NotNull(held);

        await SetLeaseAsync("other-node", 60);
        var giveUpAt = DateTime.UtcNow.AddSeconds(5);
        while (!held.Token.IsCancellationRequested && DateTime.UtcNow < giveUpAt)
        {
            await Task.Delay(50);
        }

        Assert.True(held.Token.IsCancellationRequested);
        Assert.True(held.LeaseLost);
        await held.DisposeAsync();
        Assert.Equal("other-node", (await ConnectionAsync()).FetchLeaseOwner);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task LeaseOfAKilledNode_IsFreeOnceItsDurationHasPassed(DatabaseProvider provider)
    {
        await StartAsync(provider);
        // A node killed with kill -9 leaves its lease behind and never renews it.
        await SetLeaseAsync("killed-node", 1.5);

        var right = await Lease(TimeProvider.System, Quick).TryAcquireAsync(_connectionId, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await using var later = await Lease(TimeProvider.System, Quick).TryAcquireAsync(_connectionId, CancellationToken.None);

        Assert.Null(right);
        Assert.NotNull(later);
    }
}
