using System.Net;
using GoQ.TikTokSync.TikTokShop.Errors;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace GoQ.TikTokSync.TikTokShop.Http;

/// <summary>
/// How the one standard resilience handler is set up. Reads are retried on transient failures; a write is retried
/// only when TikTok throttled it (429 / 36009002) or it provably never left, because a ship call that timed out may
/// have succeeded and must be reconciled by reading back instead.
/// </summary>
internal static class TikTokShopResilience
{
    private static readonly TimeSpan MinimumTotalTimeout = TimeSpan.FromSeconds(30);

    public static void Configure(HttpStandardResilienceOptions resilience, TikTokShopOptions options)
    {
        resilience.Retry.MaxRetryAttempts = options.MaxRetryAttempts;
        resilience.Retry.Delay = options.RetryBaseDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.ShouldRetryAfterHeader = true;
        resilience.Retry.ShouldHandle = ShouldRetryAsync;

        resilience.AttemptTimeout.Timeout = options.AttemptTimeout;

        // Room for every attempt plus Retry-After waits; the standard handler also requires total > attempt.
        var everyAttempt = options.AttemptTimeout * (options.MaxRetryAttempts + 1);
        resilience.TotalRequestTimeout.Timeout = everyAttempt > MinimumTotalTimeout ? everyAttempt + options.AttemptTimeout : MinimumTotalTimeout;

        resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2 > MinimumTotalTimeout
            ? options.AttemptTimeout * 2
            : MinimumTotalTimeout;

        // Throttling of one shop must not open the circuit for every shop: only server and network failures count.
        resilience.CircuitBreaker.ShouldHandle = static args => ValueTask.FromResult(
            args.Outcome.Exception is { } exception
                ? !IsCallerCancellation(exception, args.Context)
                : args.Outcome.Result is { } response && (int)response.StatusCode >= 500);
    }

    internal static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        var request = args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage();
        var idempotent = request is null || request.Method == HttpMethod.Get;

        if (args.Outcome.Exception is { } exception)
        {
            if (IsCallerCancellation(exception, args.Context))
            {
                return false;
            }

            return idempotent || TikTokShopErrorCodes.NeverReachedServer(exception);
        }

        if (args.Outcome.Result is not { } response)
        {
            return false;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        // 36009002 may come under HTTP 200, and 36009003/36009007 usually do: the body decides.
        var code = await TikTokShopEnvelopeProbe.ReadCodeAsync(response, args.Context.CancellationToken).ConfigureAwait(false);
        if (code == TikTokShopErrorCodes.TooManyRequests)
        {
            return true;
        }

        if (!idempotent)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        return status >= 500
            || response.StatusCode == HttpStatusCode.RequestTimeout
            || code is TikTokShopErrorCodes.InternalError or TikTokShopErrorCodes.RequestTimeout;
    }

    private static bool IsCallerCancellation(Exception exception, ResilienceContext context) =>
        exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested;
}
