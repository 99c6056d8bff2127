using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Testing.Cluster;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Cluster.Tests;

/// <summary>
/// Two nodes of the published app on one PostgreSQL database, working the same shop at the same time: the recurring fetch
/// with 自動書き出し on both, plus an operator's manual fetch and 発送情報を更新 on top.
/// </summary>
public sealed class TwoNodeTests
{
    [Fact]
    public async Task BothNodes_FetchAndPushTheSameShopAtOnce_StoreEachOrderOnceAndShipEachPackageOnce()
    {
        await using var cluster = await Deployment.StartAsync();
        const int orderCount = 300;
        var orderIds = await cluster.Emulator.CreateOrdersAsync(orderCount);
        var connectionId = await cluster.Console.ConnectShopAsync(cluster.Emulator, autoFetch: true, autoExport: true);
        var nodes = new[] { cluster.AddNode("node-a"), cluster.AddNode("node-b") };
        await Task.WhenAll(nodes.Select(n => n.StartAsync()));

        await Task.WhenAll(cluster.Console.StartManualFetchAsync(connectionId), cluster.Console.StartManualFetchAsync(connectionId));
        await cluster.WaitUntilAsync(db => db.Orders.CountAsync(), n => n == orderCount, TimeSpan.FromSeconds(120), $"{orderCount} orders stored");

        var packages = await cluster.Console.EnterTrackingAsync(orderIds);
        await Task.WhenAll(cluster.Console.StartPushAsync(connectionId), cluster.Console.StartPushAsync(connectionId));
        await cluster.WaitUntilAsync(
            db => db.ShippingPackages.CountAsync(p => p.PushState == ShipmentPushState.Pushed),
            n => n == packages.Count,
            TimeSpan.FromSeconds(180),
            $"{packages.Count} packages pushed");
        await cluster.WaitUntilAsync(db => db.ProcessingLogEntries.CountAsync(e => e.FinishedAtUtc == null), n => n == 0, TimeSpan.FromSeconds(60), "every 自動処理ログ entry finished");

        var stored = await cluster.Console.QueryAsync(db => db.Orders.Select(o => o.TikTokOrderId).ToListAsync());
        Assert.Equal(orderIds.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        var shipping = (await cluster.Emulator.ShippingAsync()).ToDictionary(s => s.OrderId, StringComparer.Ordinal);
        Assert.All(orderIds, id => Assert.Equal(1, shipping[id].ShipCallCount));
        Assert.All(orderIds, id => Assert.Single(shipping[id].Packages));
        var states = await cluster.PackageStatesAsync();
        Assert.Equal(packages.Count, Assert.Single(states).Value);
        Assert.All(nodes, n => Assert.True(n.IsRunning, $"{n.Name} stopped: {n.Process.LogPath}"));
    }
}
