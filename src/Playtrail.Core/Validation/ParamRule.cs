namespace Playtrail.Core.Validation;

/// <summary>What one key of a <c>params</c> or <c>qoeData</c> object must hold.</summary>
/// <param name="Key">The key, e.g. <c>media.length</c>.</param>
/// <param name="Type">The JSON type the value must have.</param>
/// <param name="Required">Whether the key must be present.</param>
/// <param name="Description">One line for the JSON Schema and the API docs.</param>
public sealed record ParamRule(string Key, ParamType Type, bool Required, string Description)
{
    /// <summary>The key as UTF-8, for comparing against the reader's bytes.</summary>
    internal byte[] Utf8Key { get; } = System.Text.Encoding.UTF8.GetBytes(Key);

    /// <summary>The smallest number allowed, when the value is numeric (<see cref="ValueRanges.MaxMagnitude"/> below zero unless set).</summary>
    public double? Minimum { get; init; } = IsNumeric(Type) ? -ValueRanges.MaxMagnitude : null;

    /// <summary>The largest number allowed, when the value is numeric.</summary>
    public double? Maximum { get; init; } = IsNumeric(Type) ? ValueRanges.MaxMagnitude : null;

    /// <summary>The shortest string allowed.</summary>
    public int MinLength { get; init; }

    /// <summary>When set, the only string values allowed.</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>When set, a string value must match this pattern (state names).</summary>
    public bool IsStateName { get; init; }

    private static bool IsNumeric(ParamType type) => type is ParamType.Number or ParamType.Integer or ParamType.IntegerOrString;
}
