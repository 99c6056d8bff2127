using GoQ.TikTokSync.Testing.Cluster;
using Xunit.Abstractions;

namespace GoQ.TikTokSync.Cluster.Tests;

/// <summary>
/// TikTok misbehaving the whole time while two nodes import and push: a fifth of all calls answer 5xx, bursts of 429,
/// 2-second latency spikes, and Mark Package As Shipped applied on TikTok but its answer lost. Every order arrives once and
/// every package is shipped exactly once.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ChaosOnTikTok_DuringImportAndPushOnTwoNodes_EverythingArrivesExactlyOnce()
    {
        var outcome = await ResilienceScenarios.ChaosAsync(500, output.WriteLine);

        output.WriteLine(outcome.Counts.ToString());
        Assert.Empty(outcome.Counts.Problems());
        Assert.True(outcome.Counts.ShipCallsFaulted > 0 && outcome.Counts.ShipResponsesLost > 0, "the chaos never reached the ship calls: " + outcome.Counts);
    }
}
