using System.Diagnostics;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Migrations.PostgreSql;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GoQ.TikTokSync.Web.Tests.Infrastructure;

/// <summary>
/// docker-compose's db-migrate service runs the app with --migrate-only and the admin login, so that the app itself can
/// run with a login that has no DDL rights. The real app process is started, as compose does.
/// </summary>
public sealed class MigrateOnlyModeTests
{
    [Fact]
    public async Task MigrateOnly_ServerStoreWithMigrateOnStartupOff_AppliesMigrationsAndHangfireTablesThenExits()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "goq-migrate-only-" + Guid.NewGuid().ToString("N"));
        var bin = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(bin, "GoQ.TikTokSync.Web.dll"));
        start.ArgumentList.Add("--migrate-only");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["App__DataDirectory"] = dataDirectory;
        start.Environment["Database__Provider"] = "PostgreSql";
        start.Environment["Database__PostgreSqlConnectionString"] = database.ConnectionString;
        start.Environment["Database__MigrateOnStartup"] = "false";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the app did not exit within 90 s (it started serving instead of migrating and exiting):\n" + await output + await errors);
        }

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}:\n{await output}{await errors}");

        var options = new DbContextOptionsBuilder<TikTokSyncDbContext>();
        options.UsePostgreSqlStore(database.ConnectionString);
        await using (var db = new TikTokSyncDbContext(options.Options))
        {
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'hangfire'", connection);
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0, "Hangfire's tables were not created");

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
