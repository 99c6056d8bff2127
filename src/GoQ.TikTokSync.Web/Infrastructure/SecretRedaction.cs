using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>What counts as a secret in a log event: by property name, and by query-string or JSON shape inside text.</summary>
public static partial class SecretRedaction
{
    public const string Mask = "***";

    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "AccessToken", "access_token", "RefreshToken", "refresh_token", "AppSecret", "app_secret", "Secret",
        "ClientSecret", "Password", "auth_code", "AuthCode", "x-tts-access-token", "ProtectedAccessToken", "ProtectedRefreshToken",
    };

    public static bool IsSecretName(string name) => SecretNames.Contains(name);

    [GeneratedRegex("""(?<key>access_token|refresh_token|app_secret|auth_code|x-tts-access-token|password)(?<sep>"?\s*[=:]\s*"?)(?<value>[^&\s",;}]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretInText();

    [return: NotNullIfNotNull(nameof(text))]
    public static string? RedactText(string? text) =>
        text is null ? null : SecretInText().Replace(text, m => m.Groups["key"].Value + m.Groups["sep"].Value + Mask);

    public static LogEventPropertyValue Redact(string name, LogEventPropertyValue value)
    {
        if (IsSecretName(name))
        {
            return new ScalarValue(Mask);
        }

        return value switch
        {
            ScalarValue { Value: string text } => RedactText(text) is var redacted && !string.Equals(redacted, text, StringComparison.Ordinal)
                ? new ScalarValue(redacted)
                : value,
            ScalarValue { Value: Uri uri } => new ScalarValue(RedactText(uri.ToString())),
            StructureValue structure => new StructureValue(
                structure.Properties.Select(p => new LogEventProperty(p.Name, Redact(p.Name, p.Value))), structure.TypeTag),
            SequenceValue sequence => new SequenceValue(sequence.Elements.Select(e => Redact(string.Empty, e))),
            DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(kv =>
                new KeyValuePair<ScalarValue, LogEventPropertyValue>(kv.Key, Redact(kv.Key.Value?.ToString() ?? string.Empty, kv.Value)))),
            _ => value,
        };
    }
}

/// <summary>Rewrites every property of every event, so that a secret passed by mistake never reaches a sink.</summary>
public sealed class SecretRedactionEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        foreach (var (name, value) in logEvent.Properties.ToArray())
        {
            var redacted = SecretRedaction.Redact(name, value);
            if (!ReferenceEquals(redacted, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, redacted));
            }
        }
    }
}

/// <summary>Objects logged with {@Object} are destructured without their secret-named properties.</summary>
public sealed class SecretRedactingDestructuringPolicy : IDestructuringPolicy
{
    public bool TryDestructure(object value, ILogEventPropertyValueFactory propertyValueFactory, [NotNullWhen(true)] out LogEventPropertyValue? result)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(propertyValueFactory);
        var type = value.GetType();
        if (type.IsPrimitive || value is string or Uri or DateTime or DateTimeOffset or decimal || type.IsEnum
            || value is System.Collections.IEnumerable
            || !type.GetProperties().Any(p => SecretRedaction.IsSecretName(p.Name)))
        {
            result = null;
            return false;
        }

        var properties = type.GetProperties()
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .Select(p => new LogEventProperty(
                p.Name,
                SecretRedaction.IsSecretName(p.Name)
                    ? new ScalarValue(SecretRedaction.Mask)
                    : propertyValueFactory.CreatePropertyValue(p.GetValue(value), destructureObjects: true)));
        result = new StructureValue(properties, type.Name);
        return true;
    }
}
