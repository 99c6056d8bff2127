using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Setup;
using GoQ.TikTokSync.Web.Infrastructure;
using Serilog;

Log.Logger = LoggingSetup.CreateBootstrapLogger();

try
{
    var migrateOnly = MigrateOnlyMode.IsRequested(args);
    var builder = WebApplication.CreateBuilder(MigrateOnlyMode.HostArguments(args));

    builder.AddAppLogging();
    builder.Services.AddAppDataFolder(builder.Configuration, builder.Environment);
    builder.Services.AddReverseProxySupport(builder.Configuration);
    builder.Services.AddOrderStore(builder.Configuration);
    builder.Services.AddOperatorSignIn(builder.Configuration);
    builder.Services.AddAppRateLimiting(builder.Configuration);
    builder.AddTikTokShop();

    // The operator's areas, each with its use cases (src/GoQ.TikTokSync.Core/<Area>/<UseCase>).
    builder.Services.AddMalls(builder.Configuration);
    builder.Services.AddImport();
    builder.Services.AddOrders();
    builder.Services.AddShipping(builder.Configuration);
    builder.Services.AddWebhooks(builder.Configuration);
    builder.Services.AddProcessingLog(builder.Configuration);
    builder.Services.AddOperationHistory(builder.Configuration).AddOperationHistoryActor();
    builder.Services.AddRetention();
    builder.Services.AddScheduling();

    builder.Services.AddBackgroundJobs(builder.Configuration);
    builder.Services.AddAdminUi();
    builder.Services.AddStoreHealthChecks();

    var app = builder.Build();

    if (migrateOnly)
    {
        await app.MigrateAndExitAsync();
        return;
    }

    app.Services.EnsureKeyRingKey();
    await app.PrepareOrderStoreAsync();
    await app.IssueFirstRunSetupCodeAsync();

    app.UseReverseProxySupport();
    app.UseTransportSecurity();
    app.UseAppErrorHandling();
    app.UseAppRequestLogging();
    app.UseStaticFiles();
    app.UseRouting();
    app.UseRateLimiter();
    app.UseAuthentication();
    app.UseFirstRunSetupRedirect();
    app.UseAuthorization();

    // Fingerprinted assets are endpoints, so the sign-in fallback policy would otherwise answer 401 to the login page's CSS.
    app.MapStaticAssets().AllowAnonymous();
    app.MapRazorPages().WithStaticAssets();
    app.MapStoreHealthChecks();
    app.MapTikTokShopWebhooks();
    app.MapBackgroundJobsDashboard();
    app.Services.RegisterRecurringJobs();
    await app.ApplyAutoFetchSchedulesAsync();

    app.Lifetime.ApplicationStarted.Register(() => LoggingSetup.LogListeningAddresses(app));
    app.Lifetime.ApplicationStarted.Register(() => app.Services.GetService<TikTokShopSetup.DemoEmulator>()?.RegisterAppAddress(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>(), app.Logger));

    await app.RunAsync();
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "GoQ.TikTokSync stopped unexpectedly");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

