using GoQ.TikTokSync.Core.Webhooks.Receive;
using GoQ.TikTokSync.TikTokShop.Webhooks;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>
/// <c>POST /webhooks/tiktok-shop</c>: TikTok Shop's pushes. Anonymous (TikTok has no login) and so trusted only after the
/// signature over the exact bytes checks out; the answer is an empty 200 within TikTok's 3 seconds, the work is queued.
/// </summary>
public static partial class TikTokShopWebhooks
{
    public const string Path = "/webhooks/tiktok-shop";

    /// <summary>Order notifications are a few hundred bytes; anything this large is not TikTok's.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapTikTokShopWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitingSetup.WebhookPolicy)
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext http,
        TikTokShopWebhookVerifier verifier,
        WebhookIntake intake,
        ILoggerFactory loggers,
        SampledLog sampled,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(TikTokShopWebhooks));
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            LogOversize(logger, http.Request.ContentLength);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadCappedAsync(http.Request.Body, cancellationToken);
        if (body is null)
        {
            LogOversize(logger, null);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // The body is never logged: an unverified sender controls it, and a verified one carries buyer data. A flood of
        // forged calls must not flood the log either: one line per interval, with the count of those left out.
        if (!verifier.IsValid(body, http.Request.Headers.Authorization.ToString()))
        {
            if (sampled.ShouldWrite("webhook-bad-signature", out var suppressed))
            {
                LogBadSignature(logger, http.Connection.RemoteIpAddress?.ToString(), body.Length, suppressed);
            }

            return Results.Unauthorized();
        }

        // A delivery outside the timestamp window gets a 200 too: TikTok retries anything else for hours, and a retry of a
        // stale delivery never becomes fresh. The intake has logged the refusal; the 10-minute fetch covers real news.
        var outcome = await intake.AcceptAsync(body, cancellationToken);
        return outcome == WebhookIntakeOutcome.Malformed ? Results.BadRequest() : Results.Ok();
    }

    /// <summary>The body as sent, or null once it passes the cap (the rest is not read).</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > MaxBodyBytes ? null : buffer[..length];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "TikTok Shop webhook refused: signature missing or wrong (from {RemoteAddress}, {Length} bytes; {Suppressed} more refused since the previous line)")]
    private static partial void LogBadSignature(ILogger logger, string? remoteAddress, int length, long suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TikTok Shop webhook refused: body over the limit (Content-Length {ContentLength})")]
    private static partial void LogOversize(ILogger logger, long? contentLength);
}
