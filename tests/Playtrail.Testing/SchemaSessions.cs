using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;

namespace Playtrail.Testing;

/// <summary>
/// Downloaded sessions generated from the published JSON Schemas alone: every event type, every declared key, each
/// number drawn from its schema's whole range (bounds, zero, the smallest denormal, every order of magnitude), so a
/// value the schemas allow but the server mishandles shows up. Events follow no playback script; the processor must
/// cope with any order.
/// </summary>
public static class SchemaSessions
{
    private const int MaxEventsAfterStart = 30;

    private static readonly Gen<string> Ascii = Gen.String[Gen.Char[' ', '~'], 0, 24];

    private static readonly Gen<string> Text = Gen.Frequency(
        (6, Ascii),
        (2, Gen.String[Gen.Char['\u00a0', '\ud7ff'], 0, 12]),
        (1, Gen.OneOf("Épisode 1 – « Pilote »", "映画 🎬", "\"quoted\" \\ back\\slash", "line\nbreak\ttab", "")));

    private static readonly Gen<string> KeyText = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_."], 1, 64];

    private static readonly EventType[] Followers = EventTypeNames.All.Where(type => type != EventType.SessionStart).ToArray();

    private static readonly Dictionary<EventType, JsonElement> Schemas =
        EventTypeNames.All.ToDictionary(type => type, type => JsonDocument.Parse(JsonSchemas.For(type)).RootElement);

    /// <summary>A downloaded session array: a <c>sessionStart</c> then up to 30 events of any other type.</summary>
    public static Gen<string> Downloaded => Gen.Select(Timestamps, Gen.Enum<EventType>().Where(t => t != EventType.SessionStart).Array[0, MaxEventsAfterStart])
        .SelectMany(pair => Events(pair.Item1, pair.Item2));

    /// <summary>The timestamps of a session: one mode chosen per session.</summary>
    private static Gen<Func<int, long>> Timestamps => Gen.Frequency<Func<int, long>>(
        // Increasing from anywhere in the range, clamped at its end.
        (3, Gen.Select(Timestamp, Gen.Int[0, 60_000]).Select<(long, int), Func<int, long>>(
            pair => i => Math.Min(ValueRanges.MaxTimestamp, pair.Item1 + ((long)pair.Item2 * i)))),
        // Every event anywhere in the range, in no order.
        (1, Timestamp.Array[MaxEventsAfterStart + 1].Select<long[], Func<int, long>>(values => i => values[i])));

    private static Gen<long> Timestamp { get; } = Gen.Frequency(
        (1, Gen.OneOf(ValueRanges.MinTimestamp, ValueRanges.MaxTimestamp, ValueRanges.MaxTimestamp - 1, 1, 1_700_000_000_000)),
        (4, Gen.Long[ValueRanges.MinTimestamp, ValueRanges.MaxTimestamp]));

    private static Gen<string> Events(Func<int, long> ts, EventType[] followers)
    {
        var events = new List<Gen<JsonNode>> { Event(EventType.SessionStart, ts(0)) };
        for (var i = 0; i < followers.Length; i++)
        {
            events.Add(Event(followers[i], ts(i + 1)));
        }

        return Sequence(events).Select(nodes => new JsonArray([.. nodes]).ToJsonString());
    }

    private static Gen<JsonNode> Event(EventType type, long ts)
    {
        var schema = Schemas[type];
        var properties = schema.GetProperty("properties");
        var playhead = Value(properties.GetProperty("playerTime").GetProperty("properties").GetProperty("playhead"), "playhead");
        var parts = new List<(string Key, bool Required, Gen<JsonNode?> Value)>
        {
            ("playerTime", true, playhead.Select(value => (JsonNode?)new JsonObject { ["playhead"] = value, ["ts"] = ts })),
        };
        foreach (var name in new[] { "params", "qoeData", "customMetadata" })
        {
            if (properties.TryGetProperty(name, out var section))
            {
                var required = schema.GetProperty("required").EnumerateArray().Any(r => r.GetString() == name);
                parts.Add((name, required, Value(section, name)));
            }
        }

        return Object(parts).Select(node =>
        {
            node["eventType"] = type.ToWireName();
            // The schema's anyOf: at least one of the two lists.
            if (type == EventType.StatesUpdate && node["params"] is JsonObject states && !states.ContainsKey("statesStart") && !states.ContainsKey("statesEnd"))
            {
                states["statesEnd"] = new JsonArray();
            }

            return (JsonNode)node;
        });
    }

    private static Gen<JsonNode?> Value(JsonElement schema, string key)
    {
        if (schema.TryGetProperty("enum", out var allowed))
        {
            var values = allowed.EnumerateArray().Select(value => value.GetRawText()).ToArray();
            return Gen.Int[0, values.Length - 1].Select(i => JsonNode.Parse(values[i]));
        }

        var type = schema.GetProperty("type");
        if (type.ValueKind == JsonValueKind.Array)
        {
            return Gen.OneOf(Number(schema, integer: true), Text.Select(text => (JsonNode?)text));
        }

        return type.GetString() switch
        {
            "string" when schema.TryGetProperty("pattern", out _) => KeyText.Select(text => (JsonNode?)text),
            "string" when schema.TryGetProperty("minLength", out _) => Ascii.Where(text => text.Length > 0).Select(text => (JsonNode?)text),
            "string" => Text.Select(text => (JsonNode?)text),
            "number" => Number(schema, integer: false),
            "integer" => Number(schema, integer: true),
            // A downloaded array may carry media.downloaded only as true.
            "boolean" when key == "media.downloaded" => Gen.Const(() => (JsonNode?)true),
            "boolean" => Gen.Bool.Select(value => (JsonNode?)value),
            "array" => Value(schema.GetProperty("items"), key).Array[0, 3].Select(items => (JsonNode?)new JsonArray(items)),
            "object" => ObjectValue(schema),
            var other => throw new InvalidOperationException($"No generator for schema type {other}."),
        };
    }

    private static Gen<JsonNode?> ObjectValue(JsonElement schema)
    {
        var parts = new List<(string Key, bool Required, Gen<JsonNode?> Value)>();
        var required = schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(r => r.GetString()!).ToHashSet() : [];
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                parts.Add((property.Name, required.Contains(property.Name), Value(property.Value, property.Name)));
            }
        }

        Gen<JsonObject> fixedPart = Object(parts);
        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
        {
            return Extra(fixedPart, KeyText, Value(additional, "additional"));
        }

        if (schema.TryGetProperty("patternProperties", out var patterns))
        {
            var pattern = patterns.EnumerateObject().Single();
            return Extra(fixedPart, KeyText, Value(pattern.Value, pattern.Name));
        }

        return fixedPart.Select(node => (JsonNode?)node);
    }

    private static Gen<JsonNode?> Extra(Gen<JsonObject> fixedPart, Gen<string> keys, Gen<JsonNode?> values) =>
        Gen.Select(fixedPart, Gen.Select(keys, values).Array[0, 3], (node, entries) =>
        {
            foreach (var (key, value) in entries)
            {
                node[key] = value;
            }

            return (JsonNode?)node;
        });

    /// <summary>A number anywhere in the schema's range, with its edges and the values arithmetic trips on weighted up.</summary>
    private static Gen<JsonNode?> Number(JsonElement schema, bool integer)
    {
        var minimum = schema.TryGetProperty("minimum", out var low) ? low.GetDouble() : -ValueRanges.MaxMagnitude;
        var maximum = schema.TryGetProperty("maximum", out var high) ? high.GetDouble() : ValueRanges.MaxMagnitude;
        double[] candidates = [minimum, maximum, 0, double.Epsilon, 1e-300, 1e-9, 0.001, 0.5, 1, -1, 86_400, maximum / 3];
        var edges = candidates.Where(value => value >= minimum && value <= maximum && (!integer || value == Math.Floor(value))).ToArray();
        var magnitude = Gen.Select(Gen.Double[-12, Math.Log10(Math.Max(Math.Abs(minimum), Math.Abs(maximum)))], Gen.Bool,
            (exponent, negative) => Math.Clamp((negative && minimum < 0 ? -1 : 1) * Math.Pow(10, exponent), minimum, maximum));
        var value = Gen.Frequency((2, Gen.OneOf(edges)), (2, Gen.Double[minimum, maximum]), (3, magnitude));
        return integer
            ? value.Select(number => (JsonNode?)(long)Math.Clamp(Math.Round(number), Math.Ceiling(minimum), Math.Floor(maximum)))
            : value.Select(number => (JsonNode?)number);
    }

    /// <summary>An object holding every required part and each optional part half of the time.</summary>
    private static Gen<JsonObject> Object(List<(string Key, bool Required, Gen<JsonNode?> Value)> parts)
    {
        var present = parts.Select(part => part.Required
            ? part.Value.Select(value => (part.Key, Present: true, Value: value))
            : Gen.Select(Gen.Bool, part.Value, (include, value) => (part.Key, Present: include, Value: value))).ToList();
        return Sequence(present).Select(values =>
        {
            var node = new JsonObject();
            foreach (var (key, include, value) in values)
            {
                if (include)
                {
                    node[key] = value;
                }
            }

            return node;
        });
    }

    private static Gen<List<T>> Sequence<T>(IEnumerable<Gen<T>> gens)
    {
        var result = Gen.Const(() => new List<T>());
        foreach (var gen in gens)
        {
            result = Gen.Select(result, gen, (list, item) =>
            {
                list.Add(item);
                return list;
            });
        }

        return result;
    }
}
