using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Playtrail.Core.Tests.Validation;

/// <summary>
/// Reads a published JSON Schema the way a client would: lists every sub-schema with the path of the value
/// it describes, and builds the fullest example the schema allows, so tests can break it one keyword at a time.
/// </summary>
internal static class SchemaWalker
{
    /// <summary>The key used under <c>additionalProperties</c> schemas (e.g. a customer id type).</summary>
    public const string AdditionalKey = "crm";

    /// <summary>The key used under <c>patternProperties</c> schemas (custom metadata).</summary>
    public const string PatternKey = "cms.section";

    /// <summary>Every sub-schema that describes a value, with the path from the event's root to that value.</summary>
    public static IEnumerable<(string[] Path, JsonElement Schema)> Nodes(JsonElement schema) => Nodes(schema, []);

    /// <summary>An example holding every declared property, each with a value the schema accepts.</summary>
    public static JsonNode Example(JsonElement schema)
    {
        if (schema.TryGetProperty("enum", out var allowed))
        {
            return JsonNode.Parse(allowed[0].GetRawText())!;
        }

        var type = schema.GetProperty("type");
        if (type.ValueKind == JsonValueKind.Array)
        {
            return JsonValue.Create(1);
        }

        switch (type.GetString())
        {
            case "string":
                return JsonValue.Create("sample");
            case "number":
                // A fraction, so the example also proves that a number need not be whole.
                return JsonValue.Create(1.5);
            case "integer":
                return JsonValue.Create(1);
            case "boolean":
                // false: media.downloaded true is a payload-structure failure on a live sessionStart.
                return JsonValue.Create(false);
            case "array":
                return new JsonArray(Example(schema.GetProperty("items")));
            case "object":
                var result = new JsonObject();
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        result[property.Name] = Example(property.Value);
                    }
                }

                if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
                {
                    result[AdditionalKey] = Example(additional);
                }

                if (schema.TryGetProperty("patternProperties", out var patterns))
                {
                    result[PatternKey] = Example(patterns.EnumerateObject().Single().Value);
                }

                return result;
            default:
                throw new InvalidOperationException("Unexpected schema type " + type);
        }
    }

    /// <summary>The RFC 6901 pointer of <paramref name="path"/>.</summary>
    public static string Pointer(IEnumerable<string> path) =>
        string.Concat(path.Select(token => "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

    /// <summary>Replaces (or adds) the value at <paramref name="path"/> inside <paramref name="root"/>.</summary>
    public static void Set(JsonNode root, string[] path, JsonNode? value)
    {
        var parent = Navigate(root, path[..^1]);
        if (parent is JsonArray array)
        {
            array[int.Parse(path[^1], CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent.AsObject()[path[^1]] = value;
        }
    }

    /// <summary>Removes the property at <paramref name="path"/>.</summary>
    public static void Remove(JsonNode root, string[] path) => Navigate(root, path[..^1]).AsObject().Remove(path[^1]);

    private static JsonNode Navigate(JsonNode root, IEnumerable<string> path)
    {
        var node = root;
        foreach (var token in path)
        {
            node = node is JsonArray array ? array[int.Parse(token, CultureInfo.InvariantCulture)]! : node[token]!;
        }

        return node;
    }

    private static IEnumerable<(string[] Path, JsonElement Schema)> Nodes(JsonElement schema, string[] path)
    {
        yield return (path, schema);
        var children = new List<(string, JsonElement)>();
        if (schema.TryGetProperty("properties", out var properties))
        {
            children.AddRange(properties.EnumerateObject().Select(property => (property.Name, property.Value)));
        }

        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
        {
            children.Add((AdditionalKey, additional));
        }

        if (schema.TryGetProperty("patternProperties", out var patterns))
        {
            children.Add((PatternKey, patterns.EnumerateObject().Single().Value));
        }

        if (schema.TryGetProperty("items", out var items))
        {
            children.Add(("0", items));
        }

        foreach (var (token, child) in children)
        {
            foreach (var node in Nodes(child, [.. path, token]))
            {
                yield return node;
            }
        }
    }
}
