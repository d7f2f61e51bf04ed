using System.Text.Json;

namespace Playtrail.Core.Processing;

/// <summary>
/// Walks an event's JSON object and reads values tolerantly: the events were validated on the way in, but a wrongly
/// typed value is skipped rather than trusted, so a stored event can never make the processor read garbage.
/// </summary>
internal static class EventJson
{
    /// <summary>Moves onto the event's top-level object; false for an empty or non-object payload.</summary>
    public static bool Begin(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.StartObject;

    /// <summary>
    /// Advances to the next <c>params</c>, <c>qoeData</c> or <c>customMetadata</c> object, skipping everything else;
    /// the reader is then on the section's <c>StartObject</c>, and the caller reads or skips it.
    /// </summary>
    public static bool NextSection(ref Utf8JsonReader reader, out EventSection section)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            EventSection? found = reader.ValueTextEquals("params"u8) ? EventSection.Params
                : reader.ValueTextEquals("qoeData"u8) ? EventSection.QoeData
                : reader.ValueTextEquals("customMetadata"u8) ? EventSection.CustomMetadata
                : null;
            reader.Read();
            if (found is { } value && reader.TokenType == JsonTokenType.StartObject)
            {
                section = value;
                return true;
            }

            reader.Skip();
        }

        section = default;
        return false;
    }

    /// <summary>Moves to the next property of the current object; false at its end. The reader is left on the name.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Reads the property's value as a string, or skips it and returns null when it is not one.</summary>
    public static string? String(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    /// <summary>Reads the property's value as a finite number, or skips it and returns null.</summary>
    public static double? Number(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value))
        {
            return value;
        }

        reader.Skip();
        return null;
    }

    /// <summary>
    /// Reads the property's value as an integer, or skips it and returns null. As in the validator, a whole number
    /// written with a fraction or an exponent (<c>2.0</c>, <c>1e3</c>) is an integer.
    /// </summary>
    public static long? Integer(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
        {
            return value;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && number == Math.Floor(number)
            && Math.Abs(number) <= Validation.ValueRanges.MaxMagnitude)
        {
            return (long)number;
        }

        reader.Skip();
        return null;
    }

    /// <summary>Reads the property's value as a boolean, or skips it and returns null.</summary>
    public static bool? Boolean(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            return reader.GetBoolean();
        }

        reader.Skip();
        return null;
    }

    /// <summary>Skips the property's value.</summary>
    public static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}
