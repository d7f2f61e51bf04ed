using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Playtrail.Core.Events;

namespace Playtrail.Core.Validation;

/// <summary>
/// Validates a whole request body for one ingestion route: every event against its event type's rules,
/// then the payload-structure rules (first element, one <c>sessionStart</c>, the <c>media.downloaded</c> flag).
/// </summary>
public static class PayloadValidator
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>
    /// Validates <paramref name="body"/> as sent to <paramref name="route"/>. Events are appended to
    /// <paramref name="events"/> in body order (also when invalid, up to the failure); failures go to
    /// <paramref name="errors"/>. Allocates nothing per event when the body is valid (escaped strings aside, which are decoded once to check them).
    /// </summary>
    public static PayloadResult Validate(ReadOnlySpan<byte> body, IngestionRoute route, List<ParsedEvent> events, ErrorCollector errors) =>
        Validate(body, route, events, errors, ValidationLimits.Default);

    /// <summary>
    /// Validates <paramref name="body"/> as sent to <paramref name="route"/> within <paramref name="limits"/>. A body that
    /// breaks a size limit stops being read at that point (<see cref="PayloadResult.OverLimit"/>), so its cost is bounded.
    /// </summary>
    public static PayloadResult Validate(ReadOnlySpan<byte> body, IngestionRoute route, List<ParsedEvent> events, ErrorCollector errors,
        ValidationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(limits);
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            errors.Add(string.Empty, ValidationRules.Json, "The request body is empty; send a JSON event object or array.");
            return new PayloadResult(PayloadShape.Invalid, false);
        }

        if (!Utf8.IsValid(body))
        {
            // The reader checks JSON structure, not the bytes inside strings; text that is not UTF-8 would
            // otherwise pass here and fail wherever it is decoded later.
            errors.Add(string.Empty, ValidationRules.Json, $"The body is not valid UTF-8 (byte {FirstInvalidUtf8(body)}).");
            return new PayloadResult(PayloadShape.Invalid, false);
        }

        var reader = new Utf8JsonReader(body, ReaderOptions);
        var index = -1;
        try
        {
            reader.Read();
            PayloadShape shape;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    shape = PayloadShape.Event;
                    if (!ReadSingle(ref reader, body, route, events, errors, limits))
                    {
                        return new PayloadResult(shape, false, OverLimit: true);
                    }

                    break;
                case JsonTokenType.StartArray:
                    shape = PayloadShape.Session;
                    if (!ReadArray(ref reader, body, route, events, errors, limits, ref index))
                    {
                        return new PayloadResult(shape, false, OverLimit: true);
                    }

                    break;
                default:
                    errors.Add(string.Empty, ValidationRules.Type, $"The body must be {Expected(route)}.");
                    return new PayloadResult(PayloadShape.Invalid, false);
            }

            index = -1;
            if (reader.Read())
            {
                errors.Add(string.Empty, ValidationRules.Json, "Unexpected data after the end of the JSON value.");
            }

            return new PayloadResult(shape, errors.IsEmpty);
        }
        catch (JsonException exception)
        {
            errors.Add(JsonPointer.Element(index), ValidationRules.Json, "Malformed JSON: " + exception.Message);
            return new PayloadResult(PayloadShape.Invalid, false);
        }
        catch (InvalidOperationException exception) when (exception.TargetSite?.DeclaringType?.Assembly == typeof(Utf8JsonReader).Assembly)
        {
            // The reader refuses to decode a string holding an unpaired surrogate escape such as "\ud800".
            errors.Add(JsonPointer.Element(index), ValidationRules.Json, "Malformed JSON text: " + exception.Message);
            return new PayloadResult(PayloadShape.Invalid, false);
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    /// <summary>Reads a single event; false when it broke a size limit.</summary>
    private static bool ReadSingle(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IngestionRoute route, List<ParsedEvent> events,
        ErrorCollector errors, ValidationLimits limits)
    {
        if (route == IngestionRoute.Downloaded)
        {
            errors.Add(string.Empty, ValidationRules.Type,
                "/api/v1/downloaded takes a JSON array holding a whole session; send a single sessionStart to /api/v1/sessions.");
            reader.Skip();
            return true;
        }

        var valid = EventValidator.ReadEvent(ref reader, body, -1, errors, limits, out var parsed, out _);
        events.Add(parsed);
        if (parsed.Length > limits.MaxEventBytes)
        {
            return false;
        }

        if (!valid)
        {
            return true;
        }

        if (route == IngestionRoute.Sessions)
        {
            if (parsed.Type != EventType.SessionStart)
            {
                errors.Add("/eventType", ValidationRules.Route,
                    $"/api/v1/sessions starts a session and takes sessionStart; send {parsed.Type.ToWireName()} to /api/v1/sessions/{{sid}}/events.");
            }
            else if (parsed.Downloaded == true)
            {
                errors.Add("/params/media.downloaded", ValidationRules.DownloadedOnLive,
                    "media.downloaded: true is for downloaded sessions, sent whole as a JSON array; a live sessionStart must not set it.");
            }
        }
        else if (parsed.Type == EventType.SessionStart)
        {
            errors.Add("/eventType", ValidationRules.Route,
                "sessionStart opens a new session: send it to /api/v1/sessions, not to an existing session's events.");
        }

        return true;
    }

    /// <summary>Reads a downloaded array; false when it broke a size limit, with the reader left where it stopped.</summary>
    private static bool ReadArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IngestionRoute route, List<ParsedEvent> events,
        ErrorCollector errors, ValidationLimits limits, ref int index)
    {
        if (route == IngestionRoute.Events)
        {
            errors.Add(string.Empty, ValidationRules.Type,
                "Session events are sent one at a time as a JSON object; a whole downloaded session goes to /api/v1/downloaded.");
            reader.Skip();
            return true;
        }

        var count = 0;
        ParsedEvent? first = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            index = count++;
            if (count > limits.MaxEvents)
            {
                errors.Add(JsonPointer.Element(index), ValidationRules.MaxEvents,
                    $"A downloaded session holds at most {limits.MaxEvents} events; this one has more.");
                return false;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(JsonPointer.Element(index), ValidationRules.Type, "Each element of a downloaded session must be an event object.");
                reader.Skip();
                continue;
            }

            var valid = EventValidator.ReadEvent(ref reader, body, index, errors, limits, out var parsed, out var typeKnown);
            events.Add(parsed);
            if (parsed.Length > limits.MaxEventBytes)
            {
                return false;
            }
            if (index == 0 && typeKnown)
            {
                first = parsed;
            }

            if (valid && parsed.Type == EventType.SessionStart && index > 0)
            {
                errors.Add(JsonPointer.Append(JsonPointer.Element(index), "eventType"), ValidationRules.SingleSessionStart,
                    "A downloaded session holds exactly one sessionStart, as its first element.");
            }
        }

        if (count == 0)
        {
            errors.Add(string.Empty, ValidationRules.MinItems, "A downloaded session must hold at least its sessionStart.");
            return true;
        }

        if (first is not { } start)
        {
            return true;
        }

        if (start.Type != EventType.SessionStart)
        {
            errors.Add("/0/eventType", ValidationRules.FirstEvent,
                $"The first element of a downloaded session must be sessionStart; got {start.Type.ToWireName()}.");
            return true;
        }

        if (route == IngestionRoute.Sessions && start.Downloaded != true)
        {
            errors.Add("/0/params/media.downloaded", ValidationRules.DownloadedRequired,
                "A downloaded session sent to /api/v1/sessions needs params.media.downloaded: true on its sessionStart (or use /api/v1/downloaded).");
        }
        else if (route == IngestionRoute.Downloaded && start.Downloaded == false)
        {
            errors.Add("/0/params/media.downloaded", ValidationRules.DownloadedRequired,
                "media.downloaded may be absent or true on /api/v1/downloaded, not false.");
        }

        return true;
    }

    private static string Expected(IngestionRoute route) => route switch
    {
        IngestionRoute.Sessions => "a sessionStart event object or a downloaded session array",
        IngestionRoute.Downloaded => "a JSON array of events",
        _ => "a JSON event object",
    };
}
