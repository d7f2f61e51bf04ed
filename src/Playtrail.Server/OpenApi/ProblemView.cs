using System.Text.Json.Serialization;

namespace Playtrail.Server.OpenApi;

/// <summary>
/// The shape of every problem document the server writes (<c>application/problem+json</c>, RFC 9457), declared for the
/// OpenAPI document only: <c>ProblemResult</c> and <c>ProblemDocument</c> write it field by field. A single problem
/// carries <c>rule</c>; a failed validation carries <c>errors</c> instead, and <c>truncated</c> when it listed only the
/// first failures (docs/api.md, "Conventions").
/// </summary>
internal sealed record ProblemView(
    string Type, string Title, [property: JsonNumberHandling(JsonNumberHandling.Strict)] int Status, string Detail)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Rule { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ProblemErrorView>? Errors { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Truncated { get; init; }
}

/// <summary>One failed rule of a validation problem: where (a JSON Pointer into the body, query or path), which rule, why.</summary>
internal sealed record ProblemErrorView(string Pointer, string Rule, string Message);
