using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

internal sealed record ReceivedWebhook(string Body, string? Authorization, string? ContentType);

/// <summary>A tiny HTTP receiver on 127.0.0.1 that records deliveries and answers with a scripted status per call.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly Func<int, int> _statusForCall;
    private readonly TaskCompletionSource _answersReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    private WebhookReceiver(Func<int, int> statusForCall, bool holdAnswers)
    {
        _statusForCall = statusForCall;
        if (!holdAnswers)
        {
            _answersReleased.SetResult();
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/hook", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            _received.Enqueue(new ReceivedWebhook(body, context.Request.Headers.Authorization.ToString(), context.Request.ContentType));
            context.Response.StatusCode = _statusForCall(Interlocked.Increment(ref _calls));
            await _answersReleased.Task;
        });
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToList();

    /// <param name="statusForCall">Status to answer for the n-th call (1-based).</param>
    /// <param name="holdAnswers">Every delivery is recorded on arrival but answered only after <see cref="ReleaseAnswers"/>.</param>
    public static async Task<WebhookReceiver> StartAsync(Func<int, int>? statusForCall = null, bool holdAnswers = false)
    {
        var receiver = new WebhookReceiver(statusForCall ?? (_ => 200), holdAnswers);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hook");
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> deliveries arrived (the emulator posts in the background).</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, Func<ReceivedWebhook, bool>? where = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var matching = Received.Where(where ?? (_ => true)).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Expected {count} webhook deliveries, got {Received.Count(where ?? (_ => true))}.");
    }

    public void ReleaseAnswers() => _answersReleased.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        ReleaseAnswers();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
