using System.Text.Json;

namespace Playtrail.Client.Tracking;

/// <summary>Writes one event object in the Media Collection API's wire shape.</summary>
internal static class EventJson
{
    public static byte[] Write(
        string eventType,
        double playhead,
        long ts,
        EventParams? parameters = null,
        IReadOnlyDictionary<string, string>? customMetadata = null,
        EventParams? qoe = null)
    {
        using var stream = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("eventType", eventType);
            writer.WriteStartObject("playerTime");
            writer.WriteNumber("playhead", Finite(playhead));
            writer.WriteNumber("ts", ts);
            writer.WriteEndObject();
            WriteObject(writer, "params", parameters);
            if (customMetadata is { Count: > 0 })
            {
                writer.WriteStartObject("customMetadata");
                foreach (var pair in customMetadata)
                {
                    writer.WriteString(pair.Key, pair.Value);
                }

                writer.WriteEndObject();
            }

            WriteObject(writer, "qoeData", qoe);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteObject(Utf8JsonWriter writer, string name, EventParams? values)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var pair in values)
        {
            switch (pair.Value)
            {
                case string text:
                    writer.WriteString(pair.Key, text);
                    break;
                case bool flag:
                    writer.WriteBoolean(pair.Key, flag);
                    break;
                case int number:
                    writer.WriteNumber(pair.Key, number);
                    break;
                case long number:
                    writer.WriteNumber(pair.Key, number);
                    break;
                case double number:
                    writer.WriteNumber(pair.Key, Finite(number));
                    break;
                default:
                    throw new ArgumentException($"Unsupported value type for {pair.Key}.", nameof(values));
            }
        }

        writer.WriteEndObject();
    }

    // The writer throws on NaN and infinity; a broken player value must not cost the event.
    private static double Finite(double value) => double.IsNaN(value) || double.IsInfinity(value) ? 0 : value;
}
