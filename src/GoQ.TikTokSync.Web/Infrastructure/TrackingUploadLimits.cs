using GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>
/// TrackingImport:MaxFileBytes is the one size limit of 伝票番号取込: the page's request body and multipart limits follow it
/// (over Kestrel's 30 MB default either way), so a file the page accepts is never cut off earlier, and a bigger one is refused.
/// </summary>
public static class TrackingUploadLimits
{
    /// <summary>Room for the multipart boundaries and the small fields sent with the file.</summary>
    public const int FormOverheadBytes = 64 * 1024;

    public static IServiceCollection AddTrackingUploadLimits(this IServiceCollection services)
    {
        services.AddOptions<RazorPagesOptions>().Configure<IOptions<TrackingCsvUploadOptions>>((pages, upload) =>
            pages.Conventions.AddPageApplicationModelConvention("/Import/Tracking", model =>
            {
                var limit = (long)upload.Value.MaxFileBytes + FormOverheadBytes;
                model.Filters.Add(new RefuseOversizedUpload(limit));
                model.Filters.Add(new RequestSizeLimitAttribute(limit));
                model.Filters.Add(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = limit });
            }));
        return services;
    }

    /// <summary>
    /// The request limit would otherwise end a too-big upload in the antiforgery check's bare 400; a body announced as too
    /// big is sent back to the page, which says so in Japanese. Runs before the size-limit and antiforgery filters.
    /// </summary>
    private sealed class RefuseOversizedUpload(long limit) : IAuthorizationFilter, IOrderedFilter
    {
        public int Order => -1000;

        public void OnAuthorization(AuthorizationFilterContext context)
        {
            var request = context.HttpContext.Request;
            if (HttpMethods.IsPost(request.Method) && request.ContentLength > limit)
            {
                context.Result = new RedirectResult("/Import/Tracking?" + Pages.Import.TrackingModel.TooLargeQuery + "=true");
            }
        }
    }
}
