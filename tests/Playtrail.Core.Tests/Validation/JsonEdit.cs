using System.Text.Json.Nodes;

namespace Playtrail.Core.Tests.Validation;

/// <summary>Small edits of a valid example, so each test states only what it breaks.</summary>
internal static class JsonEdit
{
    /// <summary><paramref name="json"/> without <c>params[key]</c>.</summary>
    public static string WithoutParam(string json, string key)
    {
        var node = JsonNode.Parse(json)!;
        Assert.True(node["params"]!.AsObject().Remove(key), $"the example has no params.{key}");
        return node.ToJsonString();
    }

    /// <summary><paramref name="json"/> with <c>params[key]</c> set to the raw JSON <paramref name="value"/>.</summary>
    public static string WithParam(string json, string key, string value) => With(json, "params", key, value);

    /// <summary><paramref name="json"/> with <c>section[key]</c> set to the raw JSON <paramref name="value"/>, creating the section if needed.</summary>
    public static string With(string json, string section, string key, string value)
    {
        var node = JsonNode.Parse(json)!;
        var target = node[section]?.AsObject() ?? (JsonObject)(node[section] = new JsonObject());
        target[key] = JsonNode.Parse(value);
        return node.ToJsonString();
    }
}
