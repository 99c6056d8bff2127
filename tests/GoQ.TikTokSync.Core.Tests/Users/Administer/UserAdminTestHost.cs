using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Tests.Data;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Users.Administer;
using GoQ.TikTokSync.Migrations.Sqlite;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Core.Tests.Users.Administer;

/// <summary>ユーザー管理 on a real migrated SQLite store, with Identity's real user manager and password rules.</summary>
internal sealed class UserAdminTestHost : IAsyncDisposable
{
    public const string Password = "Test-Passw0rd!";

    private readonly TestStore _store;
    private readonly ServiceProvider _services;

    private UserAdminTestHost(TestStore store)
    {
        _store = store;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<TikTokSyncDbContext>(options => options.UseSqliteStore(store.ConnectionString));
        services.AddIdentityCore<AppUser>(UsersSetup.ConfigurePasswordRules)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TikTokSyncDbContext>();
        services.AddSingleton<TimeProvider>(Time);
        services.AddScoped<ActingUser>();
        services.AddScoped<IOperationActorSource>(provider => provider.GetRequiredService<ActingUser>());
        services.AddScoped<OperationHistoryRecorder>();
        services.AddUserAdministration();
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero));

    public static async Task<UserAdminTestHost> CreateAsync() => new(await TestStore.CreateMigratedAsync());

    public async Task<AppUser> CreateUserAsync(string email, string role, bool disabled = false)
    {
        await using var scope = _services.CreateAsyncScope();
        await AppRoles.EnsureCreatedAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            DisplayName = email,
            EmailConfirmed = true,
            CreatedAtUtc = Time.GetUtcNow().UtcDateTime,
            DisabledAtUtc = disabled ? Time.GetUtcNow().UtcDateTime : null,
        };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    /// <summary>Runs one action in its own scope (one request), as <paramref name="actor"/>.</summary>
    public async Task<UserAdminResult> AsAsync(AppUser actor, Func<UserAdministration, Task<UserAdminResult>> action)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActingUser>().Current = new OperationActor(actor.Id, actor.Email!, "192.0.2.10");
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    public async Task<T> WithUsersAsync<T>(Func<UserManager<AppUser>, Task<T>> read)
    {
        await using var scope = _services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    public async Task<AppUser> ReloadAsync(AppUser user) =>
        await WithUsersAsync(async users => (await users.FindByIdAsync(user.Id))!);

    public async Task<string?> RoleOfAsync(AppUser user) =>
        await WithUsersAsync(async users => (await users.GetRolesAsync((await users.FindByIdAsync(user.Id))!)).SingleOrDefault());

    public async Task<List<OperationHistoryEntry>> HistoryAsync()
    {
        await using var db = _store.CreateContext();
        return await db.OperationHistory.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _store.DisposeAsync();
    }

    private sealed class ActingUser : IOperationActorSource
    {
        public OperationActor Current { get; set; } = new(null, "(nobody)", null);
    }
}
