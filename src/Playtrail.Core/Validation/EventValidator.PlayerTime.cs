using System.Globalization;
using System.Text.Json;
using static Playtrail.Core.Validation.JsonValueChecks;
using static Playtrail.Core.Validation.ValidationMessages;

namespace Playtrail.Core.Validation;

/// <summary>The <c>playerTime</c> object: <c>{ playhead, ts }</c>, both required, nothing else.</summary>
internal static partial class EventValidator
{
    private static ReadOnlySpan<byte> PlayheadKey => "playhead"u8;
    private static ReadOnlySpan<byte> TsKey => "ts"u8;

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
                        TsAboveMaximum(index, errors, Describe(ref reader));
                    }
                    else if (whole < 0)
                    {
                        TsBelowMinimum(index, errors, Describe(ref reader));
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
                    TsBelowMinimum(index, errors, ts.ToString(CultureInfo.InvariantCulture));
                }
                else if (ts > ValueRanges.MaxTimestamp)
                {
                    TsAboveMaximum(index, errors, ts.ToString(CultureInfo.InvariantCulture));
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

    /// <summary>A <c>ts</c> before the epoch: <paramref name="sent"/> names what was sent.</summary>
    private static void TsBelowMinimum(int index, ErrorCollector errors, string sent) =>
        errors.Add(Pointer(index, "playerTime", "ts"), ValidationRules.Minimum,
            $"playerTime.ts must be {ValueRanges.MinTimestamp} (1970-01-01T00:00:00Z) or more; got {sent}.");

    /// <summary>A <c>ts</c> after 2099: <paramref name="sent"/> names what was sent.</summary>
    private static void TsAboveMaximum(int index, ErrorCollector errors, string sent) =>
        errors.Add(Pointer(index, "playerTime", "ts"), ValidationRules.Maximum,
            $"playerTime.ts must be {ValueRanges.MaxTimestamp} (2099-12-31T23:59:59.999Z) or less; got {sent}.");
}
