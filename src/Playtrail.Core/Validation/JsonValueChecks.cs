using System.Buffers;
using System.Text.Json;

namespace Playtrail.Core.Validation;

/// <summary>
/// Checks on the JSON value or key a <see cref="Utf8JsonReader"/> is on, made on its raw bytes where possible so that
/// only escaped text pays for decoding. They report nothing; the validator words the failures.
/// </summary>
internal static class JsonValueChecks
{
    private static readonly SearchValues<byte> MetadataKeyBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_."u8);

    private static readonly SearchValues<char> MetadataKeyChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");

    /// <summary>
    /// An unpaired surrogate escape such as <c>"\ud800"</c> is well-formed JSON but not text: decoding it
    /// throws. It is decoded here, so the payload fails validation (as <c>json</c>) instead of failing
    /// whoever reads the stored event later. Only escaped strings pay for this.
    /// </summary>
    public static void EnsureDecodable(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            _ = reader.GetString();
        }
    }

    /// <summary>
    /// Whether the string or key the reader is on holds more than <paramref name="maxLength"/> characters (Unicode scalar
    /// values) once unescaped. Unescaped text is counted on its bytes; only an escaped string longer than the limit in
    /// its raw form is decoded, and one too long even if every escape were a surrogate pair is refused unread.
    /// </summary>
    public static bool TooLong(ref Utf8JsonReader reader, int maxLength)
    {
        var raw = reader.ValueSpan;
        if (raw.Length <= maxLength)
        {
            return false;
        }

        if (!reader.ValueIsEscaped)
        {
            // Valid UTF-8 (checked for the whole body): every character has exactly one byte that is not a continuation.
            var characters = 0;
            foreach (var value in raw)
            {
                characters += (value & 0xC0) == 0x80 ? 0 : 1;
            }

            return characters > maxLength;
        }

        // No character takes more than 12 bytes ("\ud83c\udfac"), so a string this long holds too many whatever it escapes.
        if (raw.Length / 12 > maxLength)
        {
            return true;
        }

        var text = reader.GetString()!;
        var count = text.Length;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (char.IsSurrogatePair(text[i], text[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count > maxLength;
    }

    /// <summary>Whether the string or key the reader is on matches <c>^[a-zA-Z0-9_.]{1,maxLength}$</c> once unescaped.</summary>
    public static bool MatchesKeyPattern(ref Utf8JsonReader reader, int maxLength)
    {
        // Escapes are rare, so only they pay for decoding; "\u0061" is the same text as "a".
        if (reader.ValueIsEscaped)
        {
            var text = reader.GetString()!;
            return text.Length > 0 && text.Length <= maxLength && !text.AsSpan().ContainsAnyExcept(MetadataKeyChars);
        }

        return reader.ValueSpan.Length > 0 && reader.ValueSpan.Length <= maxLength && !reader.ValueSpan.ContainsAnyExcept(MetadataKeyBytes);
    }

    public static bool TryGetInteger(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return false;
        }

        if (reader.TryGetInt64(out value))
        {
            return true;
        }

        if (reader.TryGetDouble(out var number) && number == Math.Floor(number) && number is >= long.MinValue and <= long.MaxValue)
        {
            value = (long)number;
            return true;
        }

        return false;
    }
}
