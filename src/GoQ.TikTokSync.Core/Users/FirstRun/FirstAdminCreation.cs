using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Users.FirstRun;

public enum FirstAdminOutcome
{
    Created,

    /// <summary>The code matches no setup code that is still valid.</summary>
    WrongCode,

    /// <summary>Another browser or node created the first administrator a moment earlier.</summary>
    AlreadyClaimed,

    /// <summary>The password rules refused the password; <see cref="FirstAdminResult.PasswordErrors"/> says why.</summary>
    PasswordRefused,
}

public sealed record FirstAdminResult(FirstAdminOutcome Outcome, AppUser? Admin = null, IReadOnlyList<string>? PasswordErrors = null);

public sealed record FirstAdminInput(string SetupCode, string DisplayName, string Email, string Password);

/// <summary>初期設定: the first administrator, for whoever holds the setup code the app printed when it started.</summary>
public sealed class FirstAdminCreation(
    TikTokSyncDbContext db,
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    OperationHistoryRecorder history,
    TimeProvider time)
{
    public async Task<FirstAdminResult> CreateAsync(FirstAdminInput input, string? clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow().UtcDateTime;
        var validHashes = await db.SetupCodes.AsNoTracking().Where(c => c.ExpiresAtUtc > now).Select(c => c.CodeHash).ToListAsync(cancellationToken);
        if (!validHashes.Any(hash => SetupCodes.Matches(input.SetupCode, hash)))
        {
            return new FirstAdminResult(FirstAdminOutcome.WrongCode);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(ct => ClaimAndCreateAsync(input, now, clientAddress, ct), cancellationToken);
    }

    /// <summary>
    /// Claims the single first-admin row, creates the admin, records it and deletes the setup codes, in one transaction.
    /// The claim's fixed key is the guard: a second claim, from any process, fails on the primary key and rolls back.
    /// </summary>
    private async Task<FirstAdminResult> ClaimAndCreateAsync(FirstAdminInput input, DateTime now, string? clientAddress, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var admin = new AppUser
        {
            UserName = input.Email,
            Email = input.Email,
            EmailConfirmed = true,
            DisplayName = input.DisplayName,
            CreatedAtUtc = now,
        };
        try
        {
            db.FirstAdminClaims.Add(new FirstAdminClaim { ClaimedAtUtc = now, AdminUserId = admin.Id });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new FirstAdminResult(FirstAdminOutcome.AlreadyClaimed);
        }

        await AppRoles.EnsureCreatedAsync(roleManager);
        var created = await userManager.CreateAsync(admin, input.Password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new FirstAdminResult(FirstAdminOutcome.PasswordRefused, PasswordErrors: created.Errors.Select(e => e.Description).ToList());
        }

        await userManager.AddToRoleAsync(admin, AppRoles.Admin);

        // Nobody is signed in yet: the new admin is the one acting.
        await history.RecordAsync(
            new OperationRecord(OperationKind.UserAdded, UserHistoryText.Added(admin.Email, admin.DisplayName, AppRoles.Admin), "初期設定で最初の管理者を登録しました。", UserHistoryText.TargetUrl(admin.Id)),
            new OperationActor(admin.Id, admin.Email, clientAddress),
            cancellationToken);
        await db.SetupCodes.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FirstAdminResult(FirstAdminOutcome.Created, admin);
    }
}

public static class FirstAdminCreationSetup
{
    public static IServiceCollection AddFirstAdminCreation(this IServiceCollection services) => services.AddScoped<FirstAdminCreation>();
}
