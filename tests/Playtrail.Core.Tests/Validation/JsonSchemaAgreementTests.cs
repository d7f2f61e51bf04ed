using System.Text.Json;
using System.Text.Json.Nodes;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Tests.Validation;

/// <summary>
/// The published schema and the validator must agree: a client that trusts the schema is neither
/// surprised by a 400 nor allowed to send what the schema forbids. Each test breaks the fullest example
/// the schema allows one keyword at a time and expects exactly the matching failure at the matching pointer.
/// </summary>
public sealed class JsonSchemaAgreementTests
{
    public static TheoryData<string> EventTypes => [.. EventTypeNames.All.Select(type => type.ToWireName())];

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void FullestExampleTheSchemaAllows_IsValid(string eventType)
    {
        var (schema, example) = Load(eventType);

        Check(eventType, example).AssertValid();
        Assert.NotNull(schema);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void EveryRequiredKey_RemovedFromAValidExample_FailsWithRequired(string eventType)
    {
        var (schema, example) = Load(eventType);
        var probes = 0;
        var mismatches = new List<string>();

        foreach (var (path, node) in SchemaWalker.Nodes(schema.RootElement))
        {
            if (!node.TryGetProperty("required", out var required))
            {
                continue;
            }

            foreach (var key in required.EnumerateArray().Select(k => k.GetString()!))
            {
                string[] target = [.. path, key];
                var broken = example.DeepClone();
                SchemaWalker.Remove(broken, target);
                probes++;
                Expect(eventType, broken, target, ValidationRules.Required, "removed", mismatches);
            }
        }

        Assert.True(probes >= 4, "eventType, playerTime, playhead and ts are required on every event");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void EveryDeclaredType_GivenAValueOfAnotherType_FailsWithType(string eventType)
    {
        var (schema, example) = Load(eventType);
        var probes = 0;
        var mismatches = new List<string>();

        foreach (var (path, node) in SchemaWalker.Nodes(schema.RootElement))
        {
            if (path.Length == 0 || !node.TryGetProperty("type", out var type))
            {
                continue;
            }

            foreach (var wrong in WrongValues(type))
            {
                var broken = example.DeepClone();
                SchemaWalker.Set(broken, path, wrong);
                probes++;
                Expect(eventType, broken, path, ValidationRules.Type, "set to " + (wrong?.ToJsonString() ?? "null"), mismatches);
            }
        }

        Assert.True(probes >= 12, "eventType, playerTime, playhead, ts and qoeData are declared on every event");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void EveryClosedObject_GivenAnUndeclaredKey_FailsWithAdditionalProperties(string eventType)
    {
        var (schema, example) = Load(eventType);
        var probes = 0;
        var mismatches = new List<string>();

        foreach (var (path, node) in SchemaWalker.Nodes(schema.RootElement))
        {
            if (!node.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
            {
                continue;
            }

            // Where keys are matched by pattern, an undeclared key is one that does not match it.
            var patterned = node.TryGetProperty("patternProperties", out _);
            string[] target = [.. path, patterned ? "bad key!" : "undeclared.key"];
            var broken = example.DeepClone();
            SchemaWalker.Set(broken, target, JsonValue.Create("x"));
            probes++;
            Expect(eventType, broken, target, patterned ? ValidationRules.Pattern : ValidationRules.AdditionalProperties, "added", mismatches);
        }

        Assert.True(probes >= 3, "the event, playerTime and qoeData are closed on every event");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void EveryMinimumMaximumMinLengthEnumAndPattern_Violated_FailsWithThatRule(string eventType)
    {
        var (schema, example) = Load(eventType);
        var probes = 0;
        var mismatches = new List<string>();

        foreach (var (path, node) in SchemaWalker.Nodes(schema.RootElement))
        {
            foreach (var (rule, value) in Violations(node))
            {
                var broken = example.DeepClone();
                SchemaWalker.Set(broken, path, value);
                probes++;
                Expect(eventType, broken, path, rule, "set to " + value.ToJsonString(), mismatches);
            }
        }

        Assert.True(probes >= 3, "eventType's enum and the minimums of playhead and ts exist on every event");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private static (JsonDocument Schema, JsonNode Example) Load(string eventType)
    {
        Assert.True(EventTypeNames.TryParse(eventType, out var type));
        var schema = JsonDocument.Parse(JsonSchemas.For(type));
        return (schema, SchemaWalker.Example(schema.RootElement));
    }

    private static ValidationRun Check(string eventType, JsonNode example) =>
        ValidationRun.Of(example.ToJsonString(), eventType == "sessionStart" ? IngestionRoute.Sessions : IngestionRoute.Events);

    private static void Expect(string eventType, JsonNode broken, string[] path, string rule, string change, List<string> mismatches)
    {
        var pointer = SchemaWalker.Pointer(path);
        var run = Check(eventType, broken);
        if (run.IsValid || run.Errors.Count != 1 || run.Errors[0].Pointer != pointer || run.Errors[0].Rule != rule)
        {
            var got = run.IsValid ? "valid" : string.Join("; ", run.Errors.Select(e => $"{e.Pointer} [{e.Rule}]"));
            mismatches.Add($"{pointer} {change}: expected [{rule}], got {got}");
        }
    }

    private static IEnumerable<JsonNode?> WrongValues(JsonElement type)
    {
        yield return null;
        if (type.ValueKind == JsonValueKind.Array)
        {
            // ["integer", "string"]: neither a boolean nor a fraction is either.
            yield return JsonValue.Create(true);
            yield return JsonValue.Create(1.5);
            yield break;
        }

        switch (type.GetString())
        {
            case "string":
                yield return JsonValue.Create(42);
                yield return JsonValue.Create(true);
                break;
            case "number":
                yield return JsonValue.Create("1");
                yield return JsonValue.Create(true);
                break;
            case "integer":
                yield return JsonValue.Create("1");
                yield return JsonValue.Create(1.5);
                break;
            case "boolean":
                yield return JsonValue.Create("true");
                yield return JsonValue.Create(0);
                break;
            case "object":
                yield return JsonValue.Create("x");
                yield return new JsonArray();
                break;
            case "array":
                yield return JsonValue.Create("x");
                yield return new JsonObject();
                break;
            default:
                throw new InvalidOperationException("Unexpected schema type " + type);
        }
    }

    private static IEnumerable<(string Rule, JsonNode Value)> Violations(JsonElement node)
    {
        if (node.TryGetProperty("minimum", out var minimum))
        {
            yield return (ValidationRules.Minimum, JsonValue.Create(minimum.GetDouble() - 1));
        }

        if (node.TryGetProperty("maximum", out var maximum))
        {
            yield return (ValidationRules.Maximum, JsonValue.Create(maximum.GetDouble() + 1));
        }

        if (node.TryGetProperty("minLength", out var minLength) && minLength.GetInt32() == 1)
        {
            yield return (ValidationRules.MinLength, JsonValue.Create(""));
        }

        if (node.TryGetProperty("enum", out var allowed))
        {
            yield return allowed[0].ValueKind == JsonValueKind.Number
                ? (ValidationRules.Enum, JsonValue.Create(allowed.EnumerateArray().Max(value => value.GetInt32()) + 1))
                : (ValidationRules.Enum, JsonValue.Create("not-" + allowed[0].GetString()));
        }

        if (node.TryGetProperty("pattern", out _))
        {
            yield return (ValidationRules.Pattern, JsonValue.Create("bad name!"));
            yield return (ValidationRules.Pattern, JsonValue.Create(new string('a', 65)));
        }
    }
}
