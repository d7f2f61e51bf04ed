using System.Text.Json;
using Playtrail.Core.Events;
using static Playtrail.Core.Validation.JsonValueChecks;
using static Playtrail.Core.Validation.ValidationMessages;

namespace Playtrail.Core.Validation;

/// <summary>
/// The three objects an event may carry: <c>params</c> (the keys of its event type, and the QoE keys where params are
/// allowed), <c>qoeData</c> (the QoE keys) and <c>customMetadata</c> (free keys with string values). <c>params</c> and
/// <c>qoeData</c> share one key loop, <see cref="ReadKeys"/>.
/// </summary>
internal static partial class EventValidator
{
    private static ReadOnlySpan<byte> DownloadedKey => "media.downloaded"u8;

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

        if (!TryOpenObject(body, at, index, "params", "an object", errors, out var reader))
        {
            return;
        }

        var own = rule.Params;
        var seen = ReadKeys(ref reader, body, at, index, rule, errors, maxLength, ref downloaded);
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
        if (TryOpenObject(body, at, index, "qoeData", "an object", errors, out var reader))
        {
            bool? notRead = null;
            ReadKeys(ref reader, body, at, index, owner: null, errors, maxLength, ref notRead);
        }
    }

    /// <summary>
    /// Reads the keys of the object the reader has just opened, up to its end: each key is looked up among the rules, a
    /// key found twice or not at all is a failure, and each known value is checked against its rule. In <c>params</c>
    /// (<paramref name="owner"/> set) the keys are those of the event type and then the QoE keys; in <c>qoeData</c>
    /// (<paramref name="owner"/> null) the QoE keys alone. Returns the keys seen, bit <c>i</c> for the owner's
    /// <c>i</c>-th parameter and bit <c>Params.Count + j</c> for the <c>j</c>-th QoE key; sets
    /// <paramref name="downloaded"/> when a valid <c>media.downloaded</c> flag is read.
    /// </summary>
    private static ulong ReadKeys(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, int at, int index, EventRule? owner, ErrorCollector errors,
        int maxLength, ref bool? downloaded)
    {
        var section = owner is null ? "qoeData" : "params";
        var qoe = EventRules.Qoe;
        var own = owner?.Params ?? qoe;
        ulong seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var keyAt = at + (int)reader.TokenStartIndex;
            var slot = Find(ref reader, own);
            var param = slot >= 0 ? own[slot] : null;
            if (param is null && owner is not null)
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
                errors.Add(Pointer(index, section, key), ValidationRules.AdditionalProperties, owner is null
                    ? $"'{key}' is not a QoE key; allowed: {string.Join(", ", qoe.Select(q => q.Key))}."
                    : $"'{key}' is not a {owner.Type.ToWireName()} parameter; custom keys go in customMetadata.");
                reader.Read();
                reader.Skip();
                continue;
            }

            var bit = 1UL << slot;
            if ((seen & bit) != 0)
            {
                errors.Add(Pointer(index, section, param.Key), ValidationRules.DuplicateKey, $"'{param.Key}' appears more than once.");
            }

            seen |= bit;
            var isDownloadedFlag = reader.ValueTextEquals(DownloadedKey);
            reader.Read();
            if (CheckValue(ref reader, param, index, section, errors, maxLength) && isDownloadedFlag)
            {
                downloaded = reader.TokenType == JsonTokenType.True;
            }
        }

        return seen;
    }

    private static void ValidateCustomMetadata(ReadOnlySpan<byte> body, int at, int index, ErrorCollector errors, int maxLength)
    {
        if (!TryOpenObject(body, at, index, "customMetadata", "an object of string values", errors, out var reader))
        {
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

    /// <summary>
    /// Starts a reader on the section value at <paramref name="at"/>; false, with a <c>type</c> failure naming what
    /// was <paramref name="expected"/>, when that value is not an object.
    /// </summary>
    private static bool TryOpenObject(ReadOnlySpan<byte> body, int at, int index, string section, string expected, ErrorCollector errors,
        out Utf8JsonReader reader)
    {
        reader = new Utf8JsonReader(body[at..], ReaderOptions);
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        errors.Add(JsonPointer.Append(JsonPointer.Element(index), section), ValidationRules.Type,
            $"{section} must be {expected}; got {Describe(reader.TokenType)}.");
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

    private static string RequiredList(EventRule rule) =>
        rule.AnyOf is { } anyOf
            ? "at least one of " + string.Join(", ", anyOf)
            : string.Join(", ", rule.Params.Where(p => p.Required).Select(p => p.Key));
}
