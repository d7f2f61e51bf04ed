using System.Text.Json;
using static Playtrail.Core.Validation.JsonValueChecks;
using static Playtrail.Core.Validation.ValidationMessages;

namespace Playtrail.Core.Validation;

/// <summary>One value of <c>params</c> or <c>qoeData</c> checked against its <see cref="ParamRule"/>: type, range, length, allowed values.</summary>
internal static partial class EventValidator
{
    /// <summary>Checks the value the reader is on against <paramref name="param"/>; false (with a failure recorded) when it breaks the rule.</summary>
    private static bool CheckValue(ref Utf8JsonReader reader, ParamRule param, int index, string parent, ErrorCollector errors, int maxLength)
    {
        var ok = param.Type switch
        {
            ParamType.String => CheckString(ref reader, param, index, parent, errors, maxLength),
            ParamType.Number => CheckNumber(ref reader, param, integer: false, index, parent, errors),
            ParamType.Integer => CheckNumber(ref reader, param, integer: true, index, parent, errors),
            ParamType.Boolean => reader.TokenType is JsonTokenType.True or JsonTokenType.False || TypeError(ref reader, param, index, parent, errors),
            ParamType.IntegerOrString => reader.TokenType == JsonTokenType.String
                ? CheckString(ref reader, param, index, parent, errors, maxLength)
                : CheckNumber(ref reader, param, integer: true, index, parent, errors),
            ParamType.CustomerIds => CheckCustomerIds(ref reader, index, parent, param.Key, errors, maxLength),
            ParamType.StateList => CheckStateList(ref reader, index, parent, param.Key, errors),
            _ => throw new InvalidOperationException($"Unknown parameter type {param.Type}."),
        };
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        return ok;
    }

    private static bool CheckString(ref Utf8JsonReader reader, ParamRule param, int index, string parent, ErrorCollector errors, int maxLength)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return TypeError(ref reader, param, index, parent, errors);
        }

        EnsureDecodable(ref reader);
        if (param.MinLength > 0 && reader.ValueSpan.Length == 0)
        {
            errors.Add(Pointer(index, parent, param.Key), ValidationRules.MinLength, $"{param.Key} must not be empty.");
            return false;
        }

        if (TooLong(ref reader, maxLength))
        {
            errors.Add(Pointer(index, parent, param.Key), ValidationRules.MaxLength, $"{param.Key} may hold at most {maxLength} characters.");
            return false;
        }

        if (param.AllowedValues is { } allowed)
        {
            for (var i = 0; i < allowed.Count; i++)
            {
                if (reader.ValueTextEquals(allowed[i]))
                {
                    return true;
                }
            }

            errors.Add(Pointer(index, parent, param.Key), ValidationRules.Enum,
                $"{param.Key} must be one of {string.Join(", ", allowed)}; got '{Truncate(reader.GetString())}'.");
            return false;
        }

        if (param.IsStateName && !IsStateName(ref reader))
        {
            errors.Add(Pointer(index, parent, param.Key), ValidationRules.Pattern,
                $"{param.Key} '{Truncate(reader.GetString())}' must be 1 to 64 letters, digits, '_' or '.'.");
            return false;
        }

        return true;
    }

    private static bool IsStateName(ref Utf8JsonReader reader) => MatchesKeyPattern(ref reader, 64);

    private static bool CheckNumber(ref Utf8JsonReader reader, ParamRule param, bool integer, int index, string parent, ErrorCollector errors)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || !double.IsFinite(value)
            || (integer && value != Math.Floor(value)))
        {
            return TypeError(ref reader, param, index, parent, errors);
        }

        if (param.Minimum is { } minimum && value < minimum)
        {
            errors.Add(Pointer(index, parent, param.Key), ValidationRules.Minimum,
                $"{param.Key} must be {Number(minimum)} or more; got {Number(value)}.");
            return false;
        }

        if (param.Maximum is { } maximum && value > maximum)
        {
            errors.Add(Pointer(index, parent, param.Key), ValidationRules.Maximum,
                $"{param.Key} must be {Number(maximum)} or less; got {Number(value)}.");
            return false;
        }

        return true;
    }

    private static bool TypeError(ref Utf8JsonReader reader, ParamRule param, int index, string parent, ErrorCollector errors)
    {
        errors.Add(Pointer(index, parent, param.Key), ValidationRules.Type,
            $"{param.Key} must be {TypeName(param.Type)}; got {Describe(ref reader)}.");
        return false;
    }
}
