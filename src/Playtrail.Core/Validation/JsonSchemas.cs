using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Playtrail.Core.Events;

namespace Playtrail.Core.Validation;

/// <summary>
/// The draft-04 JSON Schema of each event type, as served at <c>GET /api/v1/schemas/{eventType}</c>.
/// Generated from <see cref="EventRules"/>, the catalogue the validator enforces, so the published
/// contract cannot drift from what the server accepts.
/// </summary>
public static class JsonSchemas
{
    /// <summary>The pattern of <c>customMetadata</c> keys.</summary>
    public const string CustomMetadataKeyPattern = "^[a-zA-Z0-9_.]+$";

    /// <summary>The pattern of player state names.</summary>
    public const string StateNamePattern = "^[a-zA-Z0-9_.]{1,64}$";

    private const string DraftFour = "http://json-schema.org/draft-04/schema#";

    // The documents are served as application/json, never inlined into HTML, so the relaxed encoder
    // keeps descriptions readable ("'_'" rather than "\u0027_\u0027") at no risk.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] Documents = EventRules.All.Select(Generate).ToArray();

    /// <summary>The indented JSON Schema document of <paramref name="type"/>; the same string on every call.</summary>
    public static string For(EventType type)
    {
        if ((int)type >= Documents.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown event type.");
        }

        return Documents[(int)type];
    }

    private static string Generate(EventRule rule)
    {
        var name = rule.Type.ToWireName();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", DraftFour);
            writer.WriteString("id", "/api/v1/schemas/" + name);
            writer.WriteString("title", name);
            writer.WriteString("description", rule.ParamsAllowed
                ? rule.Description
                : rule.Description + " Sending params is rejected (rule 'forbidden').");
            writer.WriteString("type", "object");

            writer.WriteStartObject("properties");
            WriteEventType(writer, name);
            WritePlayerTime(writer);
            if (rule.ParamsAllowed)
            {
                WriteParams(writer, rule);
            }

            WriteQoeData(writer);
            if (rule.CustomMetadataAllowed)
            {
                WriteCustomMetadata(writer);
            }

            writer.WriteEndObject();

            writer.WriteStartArray("required");
            writer.WriteStringValue("eventType");
            writer.WriteStringValue("playerTime");
            if (NeedsParams(rule))
            {
                writer.WriteStringValue("params");
            }

            writer.WriteEndArray();
            writer.WriteBoolean("additionalProperties", false);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Mirrors the validator: params must be present when a key is required or one of a set must be sent.</summary>
    private static bool NeedsParams(EventRule rule) => rule.ParamsRequired || rule.AnyOf is not null;

    private static void WriteEventType(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartObject("eventType");
        writer.WriteString("description", "The event type.");
        writer.WriteString("type", "string");
        writer.WriteStartArray("enum");
        writer.WriteStringValue(name);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WritePlayerTime(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("playerTime");
        writer.WriteString("description", "Where the player was and when, on the device.");
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        writer.WriteStartObject("playhead");
        writer.WriteString("description", "Seconds into the content; during ads, the main-content position.");
        writer.WriteString("type", "number");
        writer.WriteNumber("minimum", 0);
        writer.WriteNumber("maximum", ValueRanges.MaxMagnitude);
        writer.WriteEndObject();
        writer.WriteStartObject("ts");
        writer.WriteString("description", "Device time in epoch milliseconds, UTC, from 1970-01-01 to the end of 2099.");
        writer.WriteString("type", "integer");
        writer.WriteNumber("minimum", ValueRanges.MinTimestamp);
        writer.WriteNumber("maximum", ValueRanges.MaxTimestamp);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartArray("required");
        writer.WriteStringValue("playhead");
        writer.WriteStringValue("ts");
        writer.WriteEndArray();
        writer.WriteBoolean("additionalProperties", false);
        writer.WriteEndObject();
    }

    private static void WriteParams(Utf8JsonWriter writer, EventRule rule)
    {
        writer.WriteStartObject("params");
        writer.WriteString("description", "The parameters of this event type; the QoE keys are accepted here too.");
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        foreach (var param in rule.Params)
        {
            WriteParam(writer, param);
        }

        foreach (var param in EventRules.Qoe)
        {
            WriteParam(writer, param);
        }

        writer.WriteEndObject();

        var required = rule.Params.Where(p => p.Required).ToList();
        // Draft-04 forbids an empty "required" array.
        if (required.Count > 0)
        {
            writer.WriteStartArray("required");
            foreach (var param in required)
            {
                writer.WriteStringValue(param.Key);
            }

            writer.WriteEndArray();
        }

        if (rule.AnyOf is { } anyOf)
        {
            writer.WriteStartArray("anyOf");
            foreach (var key in anyOf)
            {
                writer.WriteStartObject();
                writer.WriteStartArray("required");
                writer.WriteStringValue(key);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteBoolean("additionalProperties", false);
        writer.WriteEndObject();
    }

    private static void WriteQoeData(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("qoeData");
        writer.WriteString("description", "Quality of experience values, accepted on every event.");
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        foreach (var param in EventRules.Qoe)
        {
            WriteParam(writer, param);
        }

        writer.WriteEndObject();
        writer.WriteBoolean("additionalProperties", false);
        writer.WriteEndObject();
    }

    private static void WriteCustomMetadata(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("customMetadata");
        writer.WriteString("description", "Custom key/value pairs; values are strings (send numbers and booleans as text).");
        writer.WriteString("type", "object");
        writer.WriteStartObject("patternProperties");
        writer.WriteStartObject(CustomMetadataKeyPattern);
        writer.WriteString("type", "string");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteBoolean("additionalProperties", false);
        writer.WriteEndObject();
    }

    private static void WriteParam(Utf8JsonWriter writer, ParamRule param)
    {
        writer.WriteStartObject(param.Key);
        writer.WriteString("description", param.Description);
        switch (param.Type)
        {
            case ParamType.String:
                writer.WriteString("type", "string");
                if (param.MinLength > 0)
                {
                    writer.WriteNumber("minLength", param.MinLength);
                }

                WriteEnum(writer, param);
                if (param.IsStateName)
                {
                    writer.WriteString("pattern", StateNamePattern);
                }

                break;
            case ParamType.Number:
            case ParamType.Integer:
                writer.WriteString("type", param.Type == ParamType.Integer ? "integer" : "number");
                WriteRange(writer, param);
                break;
            case ParamType.Boolean:
                writer.WriteString("type", "boolean");
                break;
            case ParamType.IntegerOrString:
                writer.WriteStartArray("type");
                writer.WriteStringValue("integer");
                writer.WriteStringValue("string");
                writer.WriteEndArray();
                WriteRange(writer, param);
                break;
            case ParamType.CustomerIds:
                WriteCustomerIds(writer);
                break;
            case ParamType.StateList:
                WriteStateList(writer);
                break;
            default:
                throw new InvalidOperationException($"No schema for parameter type {param.Type}.");
        }

        writer.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter writer, ParamRule param)
    {
        if (param.Minimum is { } minimum)
        {
            writer.WriteNumber("minimum", minimum);
        }

        if (param.Maximum is { } maximum)
        {
            writer.WriteNumber("maximum", maximum);
        }
    }

    private static void WriteEnum(Utf8JsonWriter writer, ParamRule param)
    {
        if (param.AllowedValues is not { } allowed)
        {
            return;
        }

        writer.WriteStartArray("enum");
        foreach (var value in allowed)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteCustomerIds(Utf8JsonWriter writer)
    {
        writer.WriteString("type", "object");
        writer.WriteStartObject("additionalProperties");
        writer.WriteString("description", "One declared id, keyed by its id type.");
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        writer.WriteStartObject("id");
        writer.WriteString("type", "string");
        writer.WriteEndObject();
        writer.WriteStartObject("authState");
        writer.WriteString("description", "0 unknown, 1 authenticated, 2 logged out.");
        writer.WriteString("type", "integer");
        writer.WriteStartArray("enum");
        writer.WriteNumberValue(0);
        writer.WriteNumberValue(1);
        writer.WriteNumberValue(2);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartArray("required");
        writer.WriteStringValue("id");
        writer.WriteEndArray();
        writer.WriteBoolean("additionalProperties", false);
        writer.WriteEndObject();
    }

    private static void WriteStateList(Utf8JsonWriter writer)
    {
        writer.WriteString("type", "array");
        writer.WriteStartObject("items");
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        writer.WriteStartObject("media.state.name");
        writer.WriteString("type", "string");
        writer.WriteString("pattern", StateNamePattern);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartArray("required");
        writer.WriteStringValue("media.state.name");
        writer.WriteEndArray();
        writer.WriteBoolean("additionalProperties", false);
        writer.WriteEndObject();
    }
}
