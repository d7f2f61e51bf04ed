using System.Text.Json;
using Playtrail.Core.Events;
using static Playtrail.Core.Validation.ValidationMessages;

namespace Playtrail.Core.Validation;

/// <summary>
/// Reads and validates one event object straight from UTF-8 bytes. The envelope is read in one pass;
/// <c>params</c>, <c>qoeData</c> and <c>customMetadata</c> are skipped and validated afterwards, once the
/// event type (which may come after them) is known. Nothing is allocated unless a rule fails or a string holds escapes.
/// </summary>
/// <remarks>
/// One class in several files, one topic each: this file reads the envelope (the event's own keys and its type);
/// <c>EventValidator.PlayerTime.cs</c> the <c>playerTime</c> object; <c>EventValidator.Sections.cs</c> the
/// <c>params</c>, <c>qoeData</c> and <c>customMetadata</c> objects; <c>EventValidator.Values.cs</c> one value against
/// its <see cref="ParamRule"/>; <c>EventValidator.StructuredParams.cs</c> the customer ids and state lists. How a failure
/// names types and values is in <see cref="ValidationMessages"/>; checks on raw JSON text are in <see cref="JsonValueChecks"/>.
/// </remarks>
internal static partial class EventValidator
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

    private static ReadOnlySpan<byte> PlayerTimeKey => "playerTime"u8;
    private static ReadOnlySpan<byte> EventTypeKey => "eventType"u8;
    private static ReadOnlySpan<byte> ParamsKey => "params"u8;
    private static ReadOnlySpan<byte> QoeDataKey => "qoeData"u8;
    private static ReadOnlySpan<byte> CustomMetadataKey => "customMetadata"u8;

    [Flags]
    private enum Seen : byte
    {
        None = 0,
        PlayerTime = 1,
        EventType = 2,
        Params = 4,
        QoeData = 8,
        CustomMetadata = 16,
    }

    /// <summary>
    /// Reads the event whose <c>StartObject</c> token the reader is on, leaving the reader on its
    /// <c>EndObject</c>. Returns false when the event breaks a rule (failures go to <paramref name="errors"/>);
    /// <paramref name="typeKnown"/> tells whether its event type could be read even so.
    /// </summary>
    public static bool ReadEvent(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, int index, ErrorCollector errors, ValidationLimits limits,
        out ParsedEvent parsed, out bool typeKnown)
    {
        var start = checked((int)reader.TokenStartIndex);
        var errorsBefore = errors.Tally;
        var seen = Seen.None;
        var type = EventType.SessionStart;
        var typeValid = false;
        double playhead = 0;
        long ts = 0;
        int paramsAt = -1, qoeAt = -1, customAt = -1;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var keyAt = (int)reader.TokenStartIndex;
            if (reader.ValueTextEquals(PlayerTimeKey))
            {
                Mark(ref seen, Seen.PlayerTime, body, keyAt, index, errors);
                reader.Read();
                ReadPlayerTime(ref reader, body, index, errors, ref playhead, ref ts);
            }
            else if (reader.ValueTextEquals(EventTypeKey))
            {
                Mark(ref seen, Seen.EventType, body, keyAt, index, errors);
                reader.Read();
                typeValid = ReadEventType(ref reader, index, errors, out type);
            }
            else if (reader.ValueTextEquals(ParamsKey))
            {
                Mark(ref seen, Seen.Params, body, keyAt, index, errors);
                reader.Read();
                paramsAt = (int)reader.TokenStartIndex;
                reader.Skip();
            }
            else if (reader.ValueTextEquals(QoeDataKey))
            {
                Mark(ref seen, Seen.QoeData, body, keyAt, index, errors);
                reader.Read();
                qoeAt = (int)reader.TokenStartIndex;
                reader.Skip();
            }
            else if (reader.ValueTextEquals(CustomMetadataKey))
            {
                Mark(ref seen, Seen.CustomMetadata, body, keyAt, index, errors);
                reader.Read();
                customAt = (int)reader.TokenStartIndex;
                reader.Skip();
            }
            else
            {
                var key = KeyAt(body, keyAt);
                errors.Add(JsonPointer.Append(JsonPointer.Element(index), key), ValidationRules.AdditionalProperties,
                    $"'{key}' is not an event field; allowed: playerTime, eventType, params, qoeData, customMetadata.");
                reader.Read();
                reader.Skip();
            }
        }

        var length = checked((int)reader.BytesConsumed) - start;
        if (length > limits.MaxEventBytes)
        {
            // Its fields are not checked: the payload is refused whole, and a huge event should cost no more work.
            errors.Add(JsonPointer.Element(index), ValidationRules.MaxEventBytes,
                $"An event may hold at most {limits.MaxEventBytes} bytes of JSON; this one has {length}.");
            parsed = new ParsedEvent(type, playhead, ts, start, length, null);
            typeKnown = typeValid;
            return false;
        }

        var prefix = (seen & Seen.PlayerTime) == 0 || (seen & Seen.EventType) == 0 ? JsonPointer.Element(index) : null;
        if ((seen & Seen.PlayerTime) == 0)
        {
            errors.Add(JsonPointer.Append(prefix!, "playerTime"), ValidationRules.Required, "playerTime { playhead, ts } is required on every event.");
        }

        if ((seen & Seen.EventType) == 0)
        {
            errors.Add(JsonPointer.Append(prefix!, "eventType"), ValidationRules.Required, "eventType is required on every event.");
        }

        bool? downloaded = null;
        if (typeValid)
        {
            var rule = EventRules.For(type);
            ValidateParams(body, paramsAt, rule, index, errors, limits.MaxStringLength, ref downloaded);
            if (qoeAt >= 0)
            {
                ValidateQoe(body, qoeAt, index, errors, limits.MaxStringLength);
            }

            if (customAt >= 0)
            {
                if (rule.CustomMetadataAllowed)
                {
                    ValidateCustomMetadata(body, customAt, index, errors, limits.MaxStringLength);
                }
                else
                {
                    errors.Add(JsonPointer.Append(JsonPointer.Element(index), "customMetadata"), ValidationRules.AdditionalProperties,
                        $"customMetadata is accepted only on sessionStart, adStart and chapterStart, not on {type.ToWireName()}.");
                }
            }
        }

        parsed = new ParsedEvent(type, playhead, ts, start, length, downloaded);
        typeKnown = typeValid;
        return errors.Tally == errorsBefore;
    }

    private static void Mark(ref Seen seen, Seen field, ReadOnlySpan<byte> body, int keyAt, int index, ErrorCollector errors)
    {
        if ((seen & field) != 0)
        {
            var key = KeyAt(body, keyAt);
            errors.Add(JsonPointer.Append(JsonPointer.Element(index), key), ValidationRules.DuplicateKey, $"'{key}' appears more than once.");
        }

        seen |= field;
    }

    private static bool ReadEventType(ref Utf8JsonReader reader, int index, ErrorCollector errors, out EventType type)
    {
        type = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            errors.Add(JsonPointer.Append(JsonPointer.Element(index), "eventType"), ValidationRules.Type,
                $"eventType must be a string; got {Describe(reader.TokenType)}.");
            reader.Skip();
            return false;
        }

        if (reader.ValueIsEscaped ? EventTypeNames.TryParse(reader.GetString()!, out type) : EventTypeNames.TryParse(reader.ValueSpan, out type))
        {
            return true;
        }

        errors.Add(JsonPointer.Append(JsonPointer.Element(index), "eventType"), ValidationRules.Enum,
            $"'{Truncate(reader.GetString())}' is not an event type; expected one of: {string.Join(", ", EventTypeNames.All.Select(t => t.ToWireName()))}.");
        return false;
    }

    /// <summary>Decodes the property name whose token starts at <paramref name="tokenStart"/>. Failure path only.</summary>
    private static string KeyAt(ReadOnlySpan<byte> body, int tokenStart)
    {
        var reader = new Utf8JsonReader(body[tokenStart..], ReaderOptions);
        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString()! : "?";
    }

    private static string Pointer(int index, string parent, string key) => JsonPointer.Append(JsonPointer.Element(index), parent, key);
}
