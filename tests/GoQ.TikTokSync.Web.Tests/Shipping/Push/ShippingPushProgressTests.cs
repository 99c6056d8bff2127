using System.Data.Common;
using System.Text.RegularExpressions;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Shipping.Push;

/// <summary>How a push run writes its 送信/失敗/保留 counts (the progress bar's figures) to its 自動処理ログ entry.</summary>
public sealed partial class ShippingPushProgressTests : IAsyncLifetime
{
    private readonly CountWrites _countWrites = new();
    private readonly TikTokSyncWebFactory _factory;
    private int _connectionId;

    public ShippingPushProgressTests()
    {
        _factory = new TikTokSyncWebFactory
        {
            Settings = ExportTestKit.QuickRetries,
            TestServices = services =>
            {
                ResponseLoss.Install(services);
                services.ConfigureDbContext<TikTokSyncDbContext>(options => options.AddInterceptors(_countWrites));
            },
        };
    }

    public async Task InitializeAsync()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        _connectionId = await _factory.AddAuthorizedConnectionAsync(admin.Id);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Push_ManyPackages_CountsAreWrittenInBatchesAndAllCounted()
    {
        const int packages = 12;
        foreach (var (orderId, _) in await _factory.CreateAndImportAsync(_connectionId, packages))
        {
            await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        }

        _countWrites.Reset();
        var run = await _factory.PushAsync(_connectionId);

        Assert.Equal(ProcessingResult.Success, run.Result);
        Assert.Equal(packages, run.Updated);
        // One UPDATE per package would queue 50 writes a second behind the workers' own saves at TikTok's pace; the
        // counts go in at most once a second (and once at the end), so a run this short writes them once or twice.
        Assert.InRange(_countWrites.Count, 1, packages / 2);
    }

    /// <summary>Counts the UPDATEs that add to a log entry's 送信 count.</summary>
    private sealed partial class CountWrites : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (AddsToUpdated().IsMatch(command.CommandText))
            {
                Interlocked.Increment(ref _count);
            }

            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        [GeneratedRegex("""UPDATE "ProcessingLogEntries"[\s\S]*"Updated" = "\w+"\."Updated" \+""")]
        private static partial Regex AddsToUpdated();
    }
}
