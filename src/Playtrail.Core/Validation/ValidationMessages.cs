using System.Globalization;
using System.Text.Json;

namespace Playtrail.Core.Validation;

/// <summary>How validation failures name what was expected and what was sent.</summary>
internal static class ValidationMessages
{
    public static string TypeName(ParamType type) => type switch
    {
        ParamType.String => "a string",
        ParamType.Number => "a number",
        ParamType.Integer => "an integer",
        ParamType.Boolean => "a boolean",
        ParamType.IntegerOrString => "an integer or a string",
        ParamType.CustomerIds => "an object of customer ids",
        ParamType.StateList => "an array of states",
        _ => type.ToString(),
    };

    public static string Describe(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) ? $"the number {Number(value)}" : Describe(reader.TokenType);

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Truncate(string? value) => value is null ? "" : value.Length <= 64 ? value : value[..64] + "…";
}
