using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Playtrail.Core.Events;

namespace Playtrail.Core.Validation;

/// <summary>
/// Reads and validates one event object straight from UTF-8 bytes. The envelope is read in one pass;
/// <c>params</c>, <c>qoeData</c> and <c>customMetadata</c> are skipped and validated afterwards, once the
/// event type (which may come after them) is known. Nothing is allocated unless a rule fails or a string holds escapes.
/// </summary>
internal static class EventValidator
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

    private static ReadOnlySpan<byte> PlayerTimeKey => "playerTime"u8;
    private static ReadOnlySpan<byte> EventTypeKey => "eventType"u8;
    private static ReadOnlySpan<byte> ParamsKey => "params"u8;
    private static ReadOnlySpan<byte> QoeDataKey => "qoeData"u8;
    private static ReadOnlySpan<byte> CustomMetadataKey => "customMetadata"u8;
    private static ReadOnlySpan<byte> PlayheadKey => "playhead"u8;
    private static ReadOnlySpan<byte> TsKey => "ts"u8;
    private static ReadOnlySpan<byte> DownloadedKey => "media.downloaded"u8;

    private static readonly SearchValues<byte> MetadataKeyBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_."u8);

    private static readonly SearchValues<char> MetadataKeyChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");

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
        var errorsBefore = errors.Errors.Count + (errors.Truncated ? 1 : 0);
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
                Mark(ref seen, Seen.PlayerTime, body, keyAt, index, null, errors);
                reader.Read();
                ReadPlayerTime(ref reader, body, index, errors, ref playhead, ref ts);
            }
            else if (reader.ValueTextEquals(EventTypeKey))
            {
                Mark(ref seen, Seen.EventType, body, keyAt, index, null, errors);
                reader.Read();
                typeValid = ReadEventType(ref reader, index, errors, out type);
            }
            else if (reader.ValueTextEquals(ParamsKey))
            {
                Mark(ref seen, Seen.Params, body, keyAt, index, null, errors);
                reader.Read();
                paramsAt = (int)reader.TokenStartIndex;
                reader.Skip();
            }
            else if (reader.ValueTextEquals(QoeDataKey))
            {
                Mark(ref seen, Seen.QoeData, body, keyAt, index, null, errors);
                reader.Read();
                qoeAt = (int)reader.TokenStartIndex;
                reader.Skip();
            }
            else if (reader.ValueTextEquals(CustomMetadataKey))
            {
                Mark(ref seen, Seen.CustomMetadata, body, keyAt, index, null, errors);
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
        return errors.Errors.Count + (errors.Truncated ? 1 : 0) == errorsBefore;
    }

    private static void Mark(ref Seen seen, Seen field, ReadOnlySpan<byte> body, int keyAt, int index, string? parent, ErrorCollector errors)
    {
        if ((seen & field) != 0)
        {
            var key = KeyAt(body, keyAt);
            errors.Add(JsonPointer.Append(parent ?? JsonPointer.Element(index), key), ValidationRules.DuplicateKey, $"'{key}' appears more than once.");
        }

        seen |= field;
    }

    private static void ReadPlayerTime(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, int index, ErrorCollector errors, ref double playhead, ref long ts)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(JsonPointer.Append(JsonPointer.Element(index), "playerTime"), ValidationRules.Type,
                $"playerTime must be an object {{ playhead, ts }}; got {Describe(reader.TokenType)}.");
            reader.Skip();
            return;
        }

        bool hasPlayhead = false, hasTs = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var keyAt = (int)reader.TokenStartIndex;
            if (reader.ValueTextEquals(PlayheadKey))
            {
                if (hasPlayhead)
                {
                    errors.Add(Pointer(index, "playerTime", "playhead"), ValidationRules.DuplicateKey, "'playhead' appears more than once.");
                }

                hasPlayhead = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out playhead) || !double.IsFinite(playhead))
                {
                    errors.Add(Pointer(index, "playerTime", "playhead"), ValidationRules.Type,
                        $"playerTime.playhead must be a number of seconds; got {Describe(reader.TokenType)}.");
                    reader.Skip();
                }
                else if (playhead < 0)
                {
                    errors.Add(Pointer(index, "playerTime", "playhead"), ValidationRules.Minimum,
                        $"playerTime.playhead must be 0 or more; got {Number(playhead)}.");
                }
                else if (playhead > ValueRanges.MaxMagnitude)
                {
                    errors.Add(Pointer(index, "playerTime", "playhead"), ValidationRules.Maximum,
                        $"playerTime.playhead must be {Number(ValueRanges.MaxMagnitude)} or less; got {Number(playhead)}.");
                }
            }
            else if (reader.ValueTextEquals(TsKey))
            {
                if (hasTs)
                {
                    errors.Add(Pointer(index, "playerTime", "ts"), ValidationRules.DuplicateKey, "'ts' appears more than once.");
                }

                hasTs = true;
                reader.Read();
                if (!TryGetInteger(ref reader, out ts))
                {
                    // A whole number too large for 64 bits is an integer all the same, just out of range.
                    var whole = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && double.IsFinite(number)
                        && number == Math.Floor(number) ? number : double.NaN;
                    if (whole > 0)
                    {
                        errors.Add(Pointer(index, "playerTime", "ts"), ValidationRules.Maximum,
                            $"playerTime.ts must be {ValueRanges.MaxTimestamp} (2099-12-31T23:59:59.999Z) or less; got {Describe(ref reader)}.");
                    }
                    else if (whole < 0)
                    {
                        errors.Add(Pointer(index, "playerTime", "ts"), ValidationRules.Minimum,
                            $"playerTime.ts must be {ValueRanges.MinTimestamp} (1970-01-01T00:00:00Z) or more; got {Describe(ref reader)}.");
                    }
                    else
                    {
                        errors.Add(Pointer(index, "playerTime", "ts"), ValidationRules.Type,
                            $"playerTime.ts must be an integer of epoch milliseconds; got {Describe(ref reader)}.");
                    }

                    reader.Skip();
                }
                else if (ts < ValueRanges.MinTimestamp)
                {
                    errors.Add(Pointer(index, "playerTime", "ts"), ValidationRules.Minimum,
                        $"playerTime.ts must be {ValueRanges.MinTimestamp} (1970-01-01T00:00:00Z) or more; got {ts}.");
                }
                else if (ts > ValueRanges.MaxTimestamp)
                {
                    errors.Add(Pointer(index, "playerTime", "ts"), ValidationRules.Maximum,
                        $"playerTime.ts must be {ValueRanges.MaxTimestamp} (2099-12-31T23:59:59.999Z) or less; got {ts}.");
                }
            }
            else
            {
                var key = KeyAt(body, keyAt);
                errors.Add(Pointer(index, "playerTime", key), ValidationRules.AdditionalProperties,
                    $"'{key}' is not allowed in playerTime; only playhead and ts.");
                reader.Read();
                reader.Skip();
            }
        }

        if (!hasPlayhead)
        {
            errors.Add(Pointer(index, "playerTime", "playhead"), ValidationRules.Required, "playerTime.playhead is required.");
        }

        if (!hasTs)
        {
            errors.Add(Pointer(index, "playerTime", "ts"), ValidationRules.Required, "playerTime.ts is required.");
        }
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

    private static void ValidateParams(ReadOnlySpan<byte> body, int at, EventRule rule, int index, ErrorCollector errors, int maxLength, ref bool? downloaded)
    {
        if (at < 0)
        {
            if (rule.ParamsRequired || rule.AnyOf is not null)
            {
                errors.Add(JsonPointer.Append(JsonPointer.Element(index), "params"), ValidationRules.Required,
                    $"{rule.Type.ToWireName()} requires params with {RequiredList(rule)}.");
            }

            return;
        }

        if (!rule.ParamsAllowed)
        {
            errors.Add(JsonPointer.Append(JsonPointer.Element(index), "params"), ValidationRules.Forbidden,
                $"{rule.Type.ToWireName()} must not carry params.");
            return;
        }

        var reader = new Utf8JsonReader(body[at..], ReaderOptions);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(JsonPointer.Append(JsonPointer.Element(index), "params"), ValidationRules.Type,
                $"params must be an object; got {Describe(reader.TokenType)}.");
            return;
        }

        var own = rule.Params;
        var qoe = EventRules.Qoe;
        ulong seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var keyAt = at + (int)reader.TokenStartIndex;
            var slot = Find(ref reader, own);
            var param = slot >= 0 ? own[slot] : null;
            if (param is null)
            {
                var qoeSlot = Find(ref reader, qoe);
                if (qoeSlot >= 0)
                {
                    param = qoe[qoeSlot];
                    slot = own.Count + qoeSlot;
                }
            }

            if (param is null)
            {
                var key = KeyAt(body, keyAt);
                errors.Add(Pointer(index, "params", key), ValidationRules.AdditionalProperties,
                    $"'{key}' is not a {rule.Type.ToWireName()} parameter; custom keys go in customMetadata.");
                reader.Read();
                reader.Skip();
                continue;
            }

            var bit = 1UL << slot;
            if ((seen & bit) != 0)
            {
                errors.Add(Pointer(index, "params", param.Key), ValidationRules.DuplicateKey, $"'{param.Key}' appears more than once.");
            }

            seen |= bit;
            var isDownloadedFlag = reader.ValueTextEquals(DownloadedKey);
            reader.Read();
            if (CheckValue(ref reader, param, index, "params", errors, maxLength) && isDownloadedFlag)
            {
                downloaded = reader.TokenType == JsonTokenType.True;
            }
        }

        for (var i = 0; i < own.Count; i++)
        {
            if (own[i].Required && (seen & (1UL << i)) == 0)
            {
                errors.Add(Pointer(index, "params", own[i].Key), ValidationRules.Required,
                    $"{own[i].Key} ({TypeName(own[i].Type)}) is required on {rule.Type.ToWireName()}.");
            }
        }

        if (rule.AnyOf is { } anyOf && !SeenAny(seen, own, anyOf))
        {
            errors.Add(JsonPointer.Append(JsonPointer.Element(index), "params"), ValidationRules.AnyOf,
                $"{rule.Type.ToWireName()} needs at least one of: {string.Join(", ", anyOf)}.");
        }
    }

    private static void ValidateQoe(ReadOnlySpan<byte> body, int at, int index, ErrorCollector errors, int maxLength)
    {
        var reader = new Utf8JsonReader(body[at..], ReaderOptions);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(JsonPointer.Append(JsonPointer.Element(index), "qoeData"), ValidationRules.Type,
                $"qoeData must be an object; got {Describe(reader.TokenType)}.");
            return;
        }

        var qoe = EventRules.Qoe;
        ulong seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var keyAt = at + (int)reader.TokenStartIndex;
            var slot = Find(ref reader, qoe);
            if (slot < 0)
            {
                var key = KeyAt(body, keyAt);
                errors.Add(Pointer(index, "qoeData", key), ValidationRules.AdditionalProperties,
                    $"'{key}' is not a QoE key; allowed: {string.Join(", ", qoe.Select(q => q.Key))}.");
                reader.Read();
                reader.Skip();
                continue;
            }

            if ((seen & (1UL << slot)) != 0)
            {
                errors.Add(Pointer(index, "qoeData", qoe[slot].Key), ValidationRules.DuplicateKey, $"'{qoe[slot].Key}' appears more than once.");
            }

            seen |= 1UL << slot;
            reader.Read();
            CheckValue(ref reader, qoe[slot], index, "qoeData", errors, maxLength);
        }
    }

    private static void ValidateCustomMetadata(ReadOnlySpan<byte> body, int at, int index, ErrorCollector errors, int maxLength)
    {
        var reader = new Utf8JsonReader(body[at..], ReaderOptions);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(JsonPointer.Append(JsonPointer.Element(index), "customMetadata"), ValidationRules.Type,
                $"customMetadata must be an object of string values; got {Describe(reader.TokenType)}.");
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var keyAt = at + (int)reader.TokenStartIndex;
            if (!MatchesKeyPattern(ref reader, int.MaxValue))
            {
                var key = KeyAt(body, keyAt);
                errors.Add(Pointer(index, "customMetadata", key), ValidationRules.Pattern,
                    $"customMetadata key '{Truncate(key)}' must match ^[a-zA-Z0-9_.]+$.");
            }
            else if (TooLong(ref reader, maxLength))
            {
                errors.Add(Pointer(index, "customMetadata", KeyAt(body, keyAt)), ValidationRules.MaxLength,
                    $"customMetadata keys may hold at most {maxLength} characters.");
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                var key = KeyAt(body, keyAt);
                errors.Add(Pointer(index, "customMetadata", key), ValidationRules.Type,
                    $"customMetadata values must be strings (send numbers and booleans as text); '{Truncate(key)}' is {Describe(reader.TokenType)}.");
                reader.Skip();
            }
            else
            {
                EnsureDecodable(ref reader);
                if (TooLong(ref reader, maxLength))
                {
                    var key = KeyAt(body, keyAt);
                    errors.Add(Pointer(index, "customMetadata", key), ValidationRules.MaxLength,
                        $"customMetadata values may hold at most {maxLength} characters; '{Truncate(key)}' is longer.");
                }
            }
        }
    }

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

    /// <summary>
    /// An unpaired surrogate escape such as <c>"\ud800"</c> is well-formed JSON but not text: decoding it
    /// throws. It is decoded here, so the payload fails validation (as <c>json</c>) instead of failing
    /// whoever reads the stored event later. Only escaped strings pay for this.
    /// </summary>
    private static void EnsureDecodable(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            _ = reader.GetString();
        }
    }

    private static bool IsStateName(ref Utf8JsonReader reader) => MatchesKeyPattern(ref reader, 64);

    /// <summary>
    /// Whether the string or key the reader is on holds more than <paramref name="maxLength"/> characters (Unicode scalar
    /// values) once unescaped. Unescaped text is counted on its bytes; only an escaped string longer than the limit in
    /// its raw form is decoded, and one too long even if every escape were a surrogate pair is refused unread.
    /// </summary>
    private static bool TooLong(ref Utf8JsonReader reader, int maxLength)
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
    private static bool MatchesKeyPattern(ref Utf8JsonReader reader, int maxLength)
    {
        // Escapes are rare, so only they pay for decoding; "\u0061" is the same text as "a".
        if (reader.ValueIsEscaped)
        {
            var text = reader.GetString()!;
            return text.Length > 0 && text.Length <= maxLength && !text.AsSpan().ContainsAnyExcept(MetadataKeyChars);
        }

        return reader.ValueSpan.Length > 0 && reader.ValueSpan.Length <= maxLength && !reader.ValueSpan.ContainsAnyExcept(MetadataKeyBytes);
    }

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

    private static bool TypeError(ref Utf8JsonReader reader, ParamRule param, int index, string parent, ErrorCollector errors)
    {
        errors.Add(Pointer(index, parent, param.Key), ValidationRules.Type,
            $"{param.Key} must be {TypeName(param.Type)}; got {Describe(ref reader)}.");
        return false;
    }

    private static bool TryGetInteger(ref Utf8JsonReader reader, out long value)
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

    private static int Find(ref Utf8JsonReader reader, IReadOnlyList<ParamRule> rules)
    {
        if (reader.ValueIsEscaped)
        {
            var key = reader.GetString();
            for (var i = 0; i < rules.Count; i++)
            {
                if (rules[i].Key == key)
                {
                    return i;
                }
            }

            return -1;
        }

        var span = reader.ValueSpan;
        for (var i = 0; i < rules.Count; i++)
        {
            if (span.SequenceEqual(rules[i].Utf8Key))
            {
                return i;
            }
        }

        return -1;
    }

    // A loop rather than a lambda: a capturing lambda would allocate its closure on every call of the caller.
    private static bool SeenAny(ulong seen, IReadOnlyList<ParamRule> rules, IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            if ((seen & (1UL << IndexOf(rules, key))) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOf(IReadOnlyList<ParamRule> rules, string key)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Decodes the property name whose token starts at <paramref name="tokenStart"/>. Failure path only.</summary>
    private static string KeyAt(ReadOnlySpan<byte> body, int tokenStart)
    {
        var reader = new Utf8JsonReader(body[tokenStart..], ReaderOptions);
        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString()! : "?";
    }

    private static string Pointer(int index, string parent, string key) => JsonPointer.Append(JsonPointer.Element(index), parent, key);

    private static string RequiredList(EventRule rule) =>
        rule.AnyOf is { } anyOf
            ? "at least one of " + string.Join(", ", anyOf)
            : string.Join(", ", rule.Params.Where(p => p.Required).Select(p => p.Key));

    internal static string TypeName(ParamType type) => type switch
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

    private static string Describe(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) ? $"the number {Number(value)}" : Describe(reader.TokenType);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Truncate(string? value) => value is null ? "" : value.Length <= 64 ? value : value[..64] + "…";
}
