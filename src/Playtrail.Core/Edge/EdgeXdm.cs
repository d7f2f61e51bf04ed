using System.Globalization;
using System.Text.Json;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Edge;

/// <summary>
/// Reads and checks the XDM fields the translation depends on (type, time, session id, the shape of the detail
/// objects), recording what is wrong with a pointer into the Edge request and the rule broken.
/// </summary>
internal static class EdgeXdm
{
    private const string MediaPrefix = "media.";

    /// <summary>Checks the shape of the XDM objects the translation reads, so writing them cannot fail.</summary>
    internal static void CheckShapes(EventType type, JsonElement collection, string collectionPointer, ErrorCollector errors)
    {
        if (EdgeFieldMap.DetailsOf(type) is { } details)
        {
            ExpectObject(collection, details.Object, collectionPointer, errors);
        }

        ExpectObject(collection, "qoeDataDetails", collectionPointer, errors);
        if (type == EventType.StatesUpdate)
        {
            foreach (var name in (ReadOnlySpan<string>)["statesStart", "statesEnd"])
            {
                if (Property(collection, name) is { ValueKind: not JsonValueKind.Array } states)
                {
                    errors.Add(JsonPointer.Append(collectionPointer, name), ValidationRules.Type,
                        $"{name} must be an array of {{ \"name\": \"...\" }} objects; got {Describe(states)}.");
                }
            }
        }

        if (!EventRules.For(type).CustomMetadataAllowed || Property(collection, "customMetadata") is not { } entries)
        {
            return;
        }

        var listPointer = JsonPointer.Append(collectionPointer, "customMetadata");
        if (entries.ValueKind != JsonValueKind.Array)
        {
            errors.Add(listPointer, ValidationRules.Type, $"customMetadata must be an array of {{ name, value }} objects; got {Describe(entries)}.");
            return;
        }

        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var entryPointer = JsonPointer.Append(listPointer, index.ToString(CultureInfo.InvariantCulture));
            if (entry.ValueKind != JsonValueKind.Object)
            {
                errors.Add(entryPointer, ValidationRules.Type, $"Each customMetadata entry must be an object {{ name, value }}; got {Describe(entry)}.");
            }
            else if (Property(entry, "name") is not { } name)
            {
                errors.Add(JsonPointer.Append(entryPointer, "name"), ValidationRules.Required, "Each customMetadata entry needs a name.");
            }
            else if (name.ValueKind != JsonValueKind.String)
            {
                errors.Add(JsonPointer.Append(entryPointer, "name"), ValidationRules.Type, $"A customMetadata name must be a string; got {Describe(name)}.");
            }

            index++;
        }
    }

    private static void ExpectObject(JsonElement parent, string name, string parentPointer, ErrorCollector errors)
    {
        if (Property(parent, name) is { ValueKind: not JsonValueKind.Object } value)
        {
            errors.Add(JsonPointer.Append(parentPointer, name), ValidationRules.Type, $"{name} must be an object; got {Describe(value)}.");
        }
    }

    internal static EventType? ReadType(JsonElement xdm, string xdmPointer, string typeKey, EventType? expectedType, ErrorCollector errors)
    {
        var pointer = JsonPointer.Append(xdmPointer, typeKey);
        if (Property(xdm, typeKey) is not { } value)
        {
            errors.Add(pointer, ValidationRules.Required, $"{typeKey} is required on every media event, e.g. \"media.play\".");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(pointer, ValidationRules.Type, $"{typeKey} must be a string such as \"media.play\"; got {Describe(value)}.");
            return null;
        }

        var text = value.GetString()!;
        if (!text.StartsWith(MediaPrefix, StringComparison.Ordinal)
            || !EventTypeNames.TryParse(text[MediaPrefix.Length..], out var type)
            || type is EventType.StateStart or EventType.StateEnd)
        {
            errors.Add(pointer, ValidationRules.Enum,
                $"'{ValidationMessages.Truncate(text)}' is not a media event type; use media.sessionStart, media.play, media.ping, media.statesUpdate and the other media.* types.");
            return null;
        }

        if (expectedType is { } expected && expected != type)
        {
            errors.Add(pointer, ValidationRules.Route,
                $"This route takes media.{expected.ToWireName()}; send media.{type.ToWireName()} to .../va/v1/{type.ToWireName()}.");
            return null;
        }

        return type;
    }

    internal static long? ReadTimestamp(JsonElement xdm, string xdmPointer, string timeKey, ErrorCollector errors)
    {
        var pointer = JsonPointer.Append(xdmPointer, timeKey);
        if (Property(xdm, timeKey) is not { } value)
        {
            errors.Add(pointer, ValidationRules.Required, $"{timeKey} (ISO 8601 date and time) is required on every media event.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(pointer, ValidationRules.Type, $"{timeKey} must be an ISO 8601 string such as 2026-01-31T20:15:00.250Z; got {Describe(value)}.");
            return null;
        }

        if (!TryParseTimestamp(value.GetString()!, out var ts))
        {
            errors.Add(pointer, EdgeRules.Format, $"{timeKey} '{ValidationMessages.Truncate(value.GetString())}' is not an ISO 8601 date and time such as 2026-01-31T20:15:00.250Z.");
            return null;
        }

        return ts;
    }

    /// <summary>Reads an ISO 8601 date and time; without an offset it is taken as UTC.</summary>
    internal static bool TryParseTimestamp(string text, out long epochMilliseconds)
    {
        epochMilliseconds = 0;
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] is not ('T' or 't') || text[13] != ':')
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return false;
        }

        epochMilliseconds = value.ToUnixTimeMilliseconds();
        return true;
    }

    internal static string? ReadSessionId(JsonElement collection, string collectionPointer, ErrorCollector errors)
    {
        var pointer = JsonPointer.Append(collectionPointer, "sessionID");
        if (Property(collection, "sessionID") is not { } value)
        {
            errors.Add(pointer, ValidationRules.Required, "mediaCollection.sessionID is required: the sessionId answered to media.sessionStart.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } sessionId)
        {
            errors.Add(pointer, ValidationRules.Type, $"mediaCollection.sessionID must be the session id string; got {Describe(value)}.");
            return null;
        }

        return sessionId;
    }

    /// <summary>The property <paramref name="name"/> of an object; null when absent or JSON null, which XDM clients send for "not set".</summary>
    internal static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
