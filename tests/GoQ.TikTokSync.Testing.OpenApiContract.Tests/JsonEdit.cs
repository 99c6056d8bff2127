using System.Text.Json.Nodes;

namespace GoQ.TikTokSync.Testing.OpenApiContract.Tests;

/// <summary>Derives a broken body from a valid sample, so each test changes exactly one thing.</summary>
internal static class JsonEdit
{
    public static string Change(string json, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    public static JsonObject FirstOrder(JsonObject root) => root["data"]!["orders"]![0]!.AsObject();
}
