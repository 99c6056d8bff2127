using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoQ.TikTokSync.TikTokShop.Json;

/// <summary>The one serializer configuration for TikTok Shop wire JSON.</summary>
internal static class TikTokShopJson
{
    /// <summary>
    /// Compact output (the signed bytes are the sent bytes, so formatting must never vary), nulls omitted so
    /// optional fields are left out rather than sent empty, unknown incoming fields ignored.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        NumberHandling = JsonNumberHandling.Strict,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
}

/// <summary>Unix seconds as <see cref="DateTimeOffset"/>; also reads numeric strings (webhook payloads use them).</summary>
public sealed class UnixSecondsJsonConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        long seconds;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                seconds = reader.GetInt64();
                break;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
                {
                    throw new JsonException("Expected Unix seconds.");
                }

                break;
            default:
                throw new JsonException("Expected Unix seconds.");
        }

        // A zero epoch cannot be a real business time; it stands for "not happened yet".
        return seconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } instant)
        {
            writer.WriteNumberValue(instant.ToUnixTimeSeconds());
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>Money: TikTok sends amounts as strings in major units ("5000", "0.01"); parsed invariantly to decimal.</summary>
public sealed class MoneyStringJsonConverter : JsonConverter<decimal?>
{
    private const NumberStyles MoneyStyles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint
        | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.GetDecimal();
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                // A malformed amount is an error, never a silent zero or null.
                return decimal.TryParse(text, MoneyStyles, CultureInfo.InvariantCulture, out var amount)
                    ? amount
                    : throw new JsonException("Expected a decimal amount string.");
            default:
                throw new JsonException("Expected a decimal amount string.");
        }
    }

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } amount)
        {
            writer.WriteStringValue(amount.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>Reads a JSON <c>null</c> list as empty, so callers never have to null-check collections.</summary>
public sealed class NullAsEmptyListJsonConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    public override bool HandleNull => true;

    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        return JsonSerializer.Deserialize<List<T>>(ref reader, options) ?? [];
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);
}

/// <summary>A value TikTok sends as a string from an open set: unknown values must survive, not crash.</summary>
public interface ITikTokStringValue<TSelf>
    where TSelf : struct, ITikTokStringValue<TSelf>
{
    string Value { get; }

    static abstract TSelf FromValue(string value);
}

public sealed class TikTokStringValueJsonConverter<T> : JsonConverter<T>
    where T : struct, ITikTokStringValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? T.FromValue(reader.GetString() ?? string.Empty)
            : throw new JsonException("Expected a string value.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
