using System.Globalization;
using System.Text.Json;
using static Playtrail.Core.Validation.JsonValueChecks;
using static Playtrail.Core.Validation.ValidationMessages;

namespace Playtrail.Core.Validation;

/// <summary>
/// The two parameters whose values are JSON structures rather than scalars: <c>visitor.customerIDs</c>
/// (<c>{ "&lt;idType&gt;": { id, authState } }</c>) and the state lists of <c>statesUpdate</c>
/// (<c>[{ "media.state.name": "..." }]</c>).
/// </summary>
internal static partial class EventValidator
{
    private static bool CheckCustomerIds(ref Utf8JsonReader reader, int index, string parent, string key, ErrorCollector errors, int maxLength)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(Pointer(index, parent, key), ValidationRules.Type,
                $"{key} must be an object {{ \"<idType>\": {{ \"id\": \"...\", \"authState\": 0|1|2 }} }}; got {Describe(reader.TokenType)}.");
            return false;
        }

        var ok = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var tooLong = TooLong(ref reader, maxLength);
            var idType = tooLong ? "?" : reader.GetString()!;
            var pointer = JsonPointer.Append(Pointer(index, parent, key), idType);
            if (tooLong)
            {
                errors.Add(pointer, ValidationRules.MaxLength, $"{key} id types may hold at most {maxLength} characters.");
                ok = false;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(pointer, ValidationRules.Type, $"{key}.{idType} must be an object {{ id, authState }}.");
                reader.Skip();
                ok = false;
                continue;
            }

            var hasId = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.GetString()!;
                reader.Read();
                if (field == "id")
                {
                    hasId = true;
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        errors.Add(JsonPointer.Append(pointer, "id"), ValidationRules.Type, $"{key}.{idType}.id must be a string.");
                        ok = false;
                    }
                    else
                    {
                        EnsureDecodable(ref reader);
                        if (TooLong(ref reader, maxLength))
                        {
                            errors.Add(JsonPointer.Append(pointer, "id"), ValidationRules.MaxLength, $"{key}.{idType}.id may hold at most {maxLength} characters.");
                            ok = false;
                        }
                    }
                }
                else if (field == "authState")
                {
                    if (!TryGetInteger(ref reader, out var state))
                    {
                        errors.Add(JsonPointer.Append(pointer, "authState"), ValidationRules.Type,
                            $"{key}.{idType}.authState must be an integer; got {Describe(ref reader)}.");
                        ok = false;
                    }
                    else if (state is < 0 or > 2)
                    {
                        errors.Add(JsonPointer.Append(pointer, "authState"), ValidationRules.Enum,
                            $"{key}.{idType}.authState must be 0 (unknown), 1 (authenticated) or 2 (logged out).");
                        ok = false;
                    }
                }
                else
                {
                    errors.Add(JsonPointer.Append(pointer, field), ValidationRules.AdditionalProperties,
                        $"'{field}' is not allowed in a customer id; only id and authState.");
                    ok = false;
                }

                reader.Skip();
            }

            if (!hasId)
            {
                errors.Add(JsonPointer.Append(pointer, "id"), ValidationRules.Required, $"{key}.{idType}.id is required.");
                ok = false;
            }
        }

        return ok;
    }

    private static bool CheckStateList(ref Utf8JsonReader reader, int index, string parent, string key, ErrorCollector errors)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            errors.Add(Pointer(index, parent, key), ValidationRules.Type,
                $"{key} must be an array of {{ \"media.state.name\": \"...\" }}; got {Describe(reader.TokenType)}.");
            return false;
        }

        var ok = true;
        var item = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var pointer = JsonPointer.Append(Pointer(index, parent, key), item.ToString(CultureInfo.InvariantCulture));
            item++;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(pointer, ValidationRules.Type, $"Each {key} entry must be an object {{ \"media.state.name\": \"...\" }}.");
                reader.Skip();
                ok = false;
                continue;
            }

            var hasName = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("media.state.name"u8))
                {
                    hasName = true;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        errors.Add(JsonPointer.Append(pointer, "media.state.name"), ValidationRules.Type,
                            $"media.state.name must be a string; got {Describe(reader.TokenType)}.");
                        ok = false;
                    }
                    else if (!IsStateName(ref reader))
                    {
                        errors.Add(JsonPointer.Append(pointer, "media.state.name"), ValidationRules.Pattern,
                            "media.state.name must be a string of 1 to 64 letters, digits, '_' or '.'.");
                        ok = false;
                    }
                }
                else
                {
                    var field = reader.GetString()!;
                    errors.Add(JsonPointer.Append(pointer, field), ValidationRules.AdditionalProperties,
                        $"'{field}' is not allowed in a state entry; only media.state.name.");
                    ok = false;
                    reader.Read();
                }

                reader.Skip();
            }

            if (!hasName)
            {
                errors.Add(JsonPointer.Append(pointer, "media.state.name"), ValidationRules.Required, "media.state.name is required.");
                ok = false;
            }
        }

        return ok;
    }
}
