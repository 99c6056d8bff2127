using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;


namespace GoQ.TikTokSync.Web.Infrastructure;

public static class AdminUiSetup
{
    public static IServiceCollection AddAdminUi(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            options.Conventions.AllowAnonymousToPage("/Setup/Index");
            options.Conventions.AllowAnonymousToPage("/Error");
            AccessRules.Apply(options.Conventions);
        });
        services.AddTrackingUploadLimits();
        // Japanese text is written as is, not as &#x...; entities (Razor's default encoder escapes everything outside Basic Latin).
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(options => options.HeaderName = "X-CSRF-TOKEN");
        return services;
    }

    public static WebApplication UseAppErrorHandling(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        app.UseStatusCodePages();
        return app;
    }
}
