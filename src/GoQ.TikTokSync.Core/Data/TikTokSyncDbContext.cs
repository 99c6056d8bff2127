using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Retention;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Webhooks;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Data;

/// <summary>
/// The order store. Features use it directly (no repositories over it); per-entity mapping lives in
/// IEntityTypeConfiguration classes next to this file. One context serves both providers; each provider has
/// its own migrations assembly (docs/decisions/0002).
/// </summary>
public class TikTokSyncDbContext(DbContextOptions<TikTokSyncDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<MallConnection> MallConnections => Set<MallConnection>();

    public DbSet<AuthorizationRequest> AuthorizationRequests => Set<AuthorizationRequest>();

    public DbSet<ShippingProviderMapping> ShippingProviderMappings => Set<ShippingProviderMapping>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    public DbSet<OrderHistoryEntry> OrderHistory => Set<OrderHistoryEntry>();

    public DbSet<ShippingPackage> ShippingPackages => Set<ShippingPackage>();

    public DbSet<ShippingPushAttempt> ShippingPushAttempts => Set<ShippingPushAttempt>();

    public DbSet<ProcessingLogEntry> ProcessingLogEntries => Set<ProcessingLogEntry>();

    public DbSet<ProcessingLogItem> ProcessingLogItems => Set<ProcessingLogItem>();

    public DbSet<WebhookNotification> WebhookNotifications => Set<WebhookNotification>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OperationHistoryEntry> OperationHistory => Set<OperationHistoryEntry>();

    public DbSet<OperationHistoryOrder> OperationHistoryOrders => Set<OperationHistoryOrder>();

    public DbSet<RetentionSettings> RetentionSettings => Set<RetentionSettings>();

    public DbSet<OrderStatusTally> OrderStatusTallies => Set<OrderStatusTally>();

    public DbSet<SetupCode> SetupCodes => Set<SetupCode>();

    public DbSet<FirstAdminClaim> FirstAdminClaims => Set<FirstAdminClaim>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseHistoryRewrites();
        TallyOrderStatusChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseHistoryRewrites();
        TallyOrderStatusChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>操作履歴 is evidence: rows are only ever added (the retention purge deletes in bulk, outside the change tracker).</summary>
    private void RefuseHistoryRewrites()
    {
        var rewritten = ChangeTracker.Entries()
            .Where(e => e.Entity is OperationHistoryEntry or OperationHistoryOrder)
            .FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (rewritten is not null)
        {
            throw new InvalidOperationException($"操作履歴 is append-only: a {rewritten.Entity.GetType().Name} row cannot be {rewritten.State.ToString().ToUpperInvariant()}.");
        }
    }

    /// <summary>
    /// Appends the <see cref="OrderStatusTally"/> rows for every order this save adds, moves between statuses or deletes, so
    /// the tab counts change in the same transaction as the orders. Rows left from a save that failed are dropped first and
    /// worked out again from the orders' current state, so retrying a failed save never counts an order twice.
    /// Bulk ExecuteUpdate/ExecuteDelete on Orders bypass this; none exists, and the daily repair would catch one.
    /// </summary>
    private void TallyOrderStatusChanges()
    {
        if (ChangeTracker.AutoDetectChangesEnabled)
        {
            ChangeTracker.DetectChanges();
        }

        foreach (var stale in _talliesOfFailedSave)
        {
            if (Entry(stale).State == EntityState.Added)
            {
                Entry(stale).State = EntityState.Detached;
            }
        }

        _talliesOfFailedSave.Clear();

        // One row per connection and status for the whole save: an import page of 100 new orders appends one +100 row.
        var changes = new Dictionary<(int MallConnectionId, GoqOrderStatus Status), int>();
        foreach (var entry in ChangeTracker.Entries<Order>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    Count(changes, Current(entry), +1);
                    break;
                case EntityState.Deleted:
                    Count(changes, Original(entry), -1);
                    break;
                case EntityState.Modified when entry.Property(o => o.GoqStatus).IsModified || entry.Property(o => o.MallConnectionId).IsModified:
                    Count(changes, Original(entry), -1);
                    Count(changes, Current(entry), +1);
                    break;
            }
        }

        AddTallies(changes.Where(c => c.Value != 0)
            .Select(c => new OrderStatusTally { MallConnectionId = c.Key.MallConnectionId, Status = c.Key.Status, Change = c.Value })
            .ToArray());
    }

    private static void Count(Dictionary<(int, GoqOrderStatus), int> changes, (int, GoqOrderStatus) key, int change) =>
        changes[key] = changes.GetValueOrDefault(key) + change;

    /// <summary>Rows this hook added; once the save succeeds they are stored and the list no longer matters.</summary>
    private readonly List<OrderStatusTally> _talliesOfFailedSave = [];

    private void AddTallies(params OrderStatusTally[] tallies)
    {
        OrderStatusTallies.AddRange(tallies);
        _talliesOfFailedSave.AddRange(tallies);
    }

    private static (int, GoqOrderStatus) Current(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Order> entry) =>
        (entry.Entity.MallConnectionId, entry.Entity.GoqStatus);

    private static (int, GoqOrderStatus) Original(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Order> entry) =>
        (entry.Property(o => o.MallConnectionId).OriginalValue, entry.Property(o => o.GoqStatus).OriginalValue);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TikTokSyncDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Enums by name: a row stays readable in SQL and a reordered enum cannot silently change meaning.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        configurationBuilder.Properties<TikTokOrderStatus>().HaveConversion<TikTokOrderStatusConverter>();
    }
}
