using System.Buffers;
using System.Text.Json;

namespace Playtrail.Core.Processing;

/// <summary>
/// Writes a session's analytics calls as <c>GET /api/v1/sessions/{sid}/calls</c> serves them:
/// <c>[{ "type": "start", "ts": 1529997923478, "contextData": { "a.media.view": true, ... } }]</c>, <c>ts</c> null online.
/// </summary>
public static class AnalyticsCallsJson
{
    /// <summary>Writes <paramref name="calls"/> as one JSON array.</summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<AnalyticsCall> calls)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(calls);
        writer.WriteStartArray();
        foreach (var call in calls)
        {
            writer.WriteStartObject();
            writer.WriteString("type", call.Type);
            if (call.Ts is { } ts)
            {
                writer.WriteNumber("ts", ts);
            }
            else
            {
                writer.WriteNull("ts");
            }

            writer.WriteStartObject("contextData");
            foreach (var (key, value) in call.ContextData)
            {
                writer.WritePropertyName(key);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>The calls as UTF-8 JSON bytes.</summary>
    public static byte[] ToUtf8Bytes(IReadOnlyList<AnalyticsCall> calls)
    {
        var buffer = new ChunkedJsonBuffer();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, calls);
        }

        return buffer.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, ContextValue value)
    {
        switch (value.Kind)
        {
            case ContextValueKind.String when value.Utf8 is { } utf8:
                writer.WriteStringValue(utf8.Span);
                break;
            case ContextValueKind.String:
                writer.WriteStringValue(value.Text);
                break;
            case ContextValueKind.Boolean:
                writer.WriteBooleanValue(value.Flag);
                break;
            default:
                writer.WriteNumberValue(value.Number);
                break;
        }
    }
}
