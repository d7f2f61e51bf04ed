using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Edge;

/// <summary>
/// Translates XDM media events (the Media Edge API) into the Media Collection events Playtrail already
/// validates and processes, so both dialects share one validator, one store and one processor. Pure:
/// the translation reads nothing but its arguments.
/// </summary>
public static class EdgeTranslator
{
    /// <summary>
    /// Translates the XDM event <paramref name="xdm"/>, found at <paramref name="xdmPointer"/> in the request.
    /// Returns null, with the failures in <paramref name="errors"/>, when the event cannot be translated
    /// (a missing or unknown event type, a timestamp that is not ISO 8601, a wrongly shaped XDM object);
    /// the translated event may still break a Media Collection rule, which <see cref="EdgeEvent.Validate"/> finds.
    /// </summary>
    /// <param name="xdm">The XDM object: <c>events[n].xdm</c>, or an element of <c>mediaDownloadedEvents</c>.</param>
    /// <param name="xdmPointer">Its JSON pointer in the request body.</param>
    /// <param name="form">Which field names the event uses.</param>
    /// <param name="datastream">The analytics and visitor values of the request's datastream (used by <c>sessionStart</c>).</param>
    /// <param name="visitorId">The viewer's experience cloud id from the request's identity map, if any.</param>
    /// <param name="expectedType">The event type the route takes, when the route names one.</param>
    /// <param name="errors">Receives the failures.</param>
    public static EdgeEvent? Translate(JsonElement xdm, string xdmPointer, EdgeEventForm form, EdgeDatastream datastream, string? visitorId,
        EventType? expectedType, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(xdmPointer);
        ArgumentNullException.ThrowIfNull(datastream);
        ArgumentNullException.ThrowIfNull(errors);
        if (xdm.ValueKind != JsonValueKind.Object)
        {
            errors.Add(xdmPointer, ValidationRules.Type, $"The XDM media event must be an object; got {EdgeXdm.Describe(xdm)}.");
            return null;
        }

        var before = errors.Tally;
        var typeKey = form == EdgeEventForm.Online ? "eventType" : "mediaEventType";
        var timeKey = form == EdgeEventForm.Online ? "timestamp" : "mediaEventTimestamp";
        var type = EdgeXdm.ReadType(xdm, xdmPointer, typeKey, expectedType, errors);
        var ts = EdgeXdm.ReadTimestamp(xdm, xdmPointer, timeKey, errors);
        var collectionPointer = JsonPointer.Append(xdmPointer, "mediaCollection");
        var collection = EdgeXdm.Property(xdm, "mediaCollection");
        if (collection is null)
        {
            errors.Add(collectionPointer, ValidationRules.Required, "mediaCollection is required on every media event; it carries the playhead.");
        }
        else if (collection.Value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(collectionPointer, ValidationRules.Type, $"mediaCollection must be an object; got {EdgeXdm.Describe(collection.Value)}.");
            collection = null;
        }

        string? sessionId = null;
        if (type is { } known && collection is { } media)
        {
            if (known != EventType.SessionStart && form == EdgeEventForm.Online)
            {
                sessionId = EdgeXdm.ReadSessionId(media, collectionPointer, errors);
            }

            EdgeXdm.CheckShapes(known, media, collectionPointer, errors);
        }

        if (errors.Tally != before || type is null || ts is null || collection is null)
        {
            return null;
        }

        var map = new EdgePointerMap(xdmPointer);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var context = new Context(writer, map, collection.Value, collectionPointer);
            writer.WriteStartObject();
            writer.WriteString("eventType", type.Value.ToWireName());
            map.Add("/eventType", JsonPointer.Append(xdmPointer, typeKey));
            writer.WriteStartObject("playerTime");
            map.Add("/playerTime", collectionPointer);
            if (EdgeXdm.Property(collection.Value, "playhead") is { } playhead)
            {
                writer.WritePropertyName("playhead");
                playhead.WriteTo(writer);
            }

            map.Add("/playerTime/playhead", JsonPointer.Append(collectionPointer, "playhead"));
            writer.WriteNumber("ts", ts.Value);
            map.Add("/playerTime/ts", JsonPointer.Append(xdmPointer, timeKey));
            writer.WriteEndObject();
            WriteParams(context, type.Value, form, datastream, visitorId);
            WriteQoe(context);
            WriteCustomMetadata(context, type.Value);
            writer.WriteEndObject();
        }

        return new EdgeEvent(type.Value, sessionId, buffer.WrittenMemory, map);
    }

    /// <summary>
    /// Translates a <c>media.downloaded</c> event: every element of its <c>mediaDownloadedEvents</c> array,
    /// into one downloaded Media Collection session. Returns null, with the failures in <paramref name="errors"/>,
    /// when any element cannot be translated.
    /// </summary>
    public static EdgeDownloadedSession? TranslateDownloaded(JsonElement xdm, string xdmPointer, EdgeDatastream datastream, string? visitorId,
        ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(xdmPointer);
        ArgumentNullException.ThrowIfNull(errors);
        if (xdm.ValueKind != JsonValueKind.Object)
        {
            errors.Add(xdmPointer, ValidationRules.Type, $"The XDM event must be an object; got {EdgeXdm.Describe(xdm)}.");
            return null;
        }

        var before = errors.Tally;
        var typePointer = JsonPointer.Append(xdmPointer, "eventType");
        var eventType = EdgeXdm.Property(xdm, "eventType");
        if (eventType is null)
        {
            errors.Add(typePointer, ValidationRules.Required, "eventType is required; a downloaded session is sent as media.downloaded.");
        }
        else if (eventType.Value.ValueKind != JsonValueKind.String || !eventType.Value.ValueEquals("media.downloaded"))
        {
            errors.Add(typePointer, ValidationRules.Route, "This route takes one media.downloaded event holding the whole session in mediaDownloadedEvents.");
        }

        var eventsPointer = JsonPointer.Append(xdmPointer, "mediaDownloadedEvents");
        var elements = EdgeXdm.Property(xdm, "mediaDownloadedEvents");
        if (elements is null)
        {
            errors.Add(eventsPointer, ValidationRules.Required, "mediaDownloadedEvents is required: the session's media events, sessionStart first.");
            return null;
        }

        if (elements.Value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(eventsPointer, ValidationRules.Type, $"mediaDownloadedEvents must be an array; got {EdgeXdm.Describe(elements.Value)}.");
            return null;
        }

        if (elements.Value.GetArrayLength() == 0)
        {
            errors.Add(eventsPointer, ValidationRules.MinItems, "mediaDownloadedEvents must hold at least the session's sessionStart.");
            return null;
        }

        var translated = new List<EdgeEvent>(elements.Value.GetArrayLength());
        var index = 0;
        foreach (var element in elements.Value.EnumerateArray())
        {
            var pointer = JsonPointer.Append(eventsPointer, index.ToString(CultureInfo.InvariantCulture));
            if (Translate(element, pointer, EdgeEventForm.Downloaded, datastream, visitorId, null, errors) is { } edgeEvent)
            {
                translated.Add(edgeEvent);
            }

            index++;
        }

        return errors.Tally == before ? new EdgeDownloadedSession(translated, eventsPointer) : null;
    }

    private readonly record struct Context(Utf8JsonWriter Writer, EdgePointerMap Map, JsonElement Collection, string CollectionPointer);

    private static void WriteParams(Context context, EventType type, EdgeEventForm form, EdgeDatastream datastream, string? visitorId)
    {
        var (writer, map, collection, collectionPointer) = context;
        if (type == EventType.StatesUpdate)
        {
            map.Add("/params", collectionPointer);
            var starts = EdgeXdm.Property(collection, "statesStart");
            var ends = EdgeXdm.Property(collection, "statesEnd");
            if (starts is null && ends is null)
            {
                return;
            }

            writer.WriteStartObject("params");
            WriteStates(context, "statesStart", starts);
            WriteStates(context, "statesEnd", ends);
            writer.WriteEndObject();
            return;
        }

        if (EdgeFieldMap.DetailsOf(type) is not { } detailsOfType)
        {
            return;
        }

        var (objectName, fields) = detailsOfType;

        var detailsPointer = JsonPointer.Append(collectionPointer, objectName);
        map.Add("/params", detailsPointer);
        foreach (var (xdmName, param) in fields)
        {
            map.Add(JsonPointer.Append("/params", param), JsonPointer.Append(detailsPointer, xdmName));
        }

        var details = EdgeXdm.Property(collection, objectName);
        var isStart = type == EventType.SessionStart;
        if (details is null && !isStart)
        {
            return;
        }

        writer.WriteStartObject("params");
        if (isStart)
        {
            writer.WriteString("analytics.trackingServer", datastream.TrackingServer);
            writer.WriteString("analytics.reportSuite", datastream.ReportSuite);
            writer.WriteString("visitor.marketingCloudOrgId", datastream.OrgId);
            if (visitorId is not null)
            {
                writer.WriteString("visitor.marketingCloudUserId", visitorId);
            }

            if (form == EdgeEventForm.Downloaded)
            {
                // Every session sent whole is a downloaded one, whatever its sessionDetails say.
                writer.WriteBoolean("media.downloaded", true);
            }
        }

        if (details is { } values)
        {
            foreach (var (xdmName, param) in fields)
            {
                if (isStart && form == EdgeEventForm.Downloaded && param == "media.downloaded")
                {
                    continue;
                }

                if (EdgeXdm.Property(values, xdmName) is { } value)
                {
                    writer.WritePropertyName(param);
                    value.WriteTo(writer);
                }
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteStates(Context context, string name, JsonElement? states)
    {
        if (states is not { } list)
        {
            return;
        }

        var (writer, map, _, collectionPointer) = context;
        var paramPointer = JsonPointer.Append("/params", name);
        var statesPointer = JsonPointer.Append(collectionPointer, name);
        map.Add(paramPointer, statesPointer);
        writer.WriteStartArray(name);
        var index = 0;
        foreach (var state in list.EnumerateArray())
        {
            var position = index.ToString(CultureInfo.InvariantCulture);
            map.Add(JsonPointer.Append(paramPointer, position), JsonPointer.Append(statesPointer, position));
            map.Add(JsonPointer.Append(JsonPointer.Append(paramPointer, position), "media.state.name"), JsonPointer.Append(statesPointer, position, "name"));
            if (state.ValueKind == JsonValueKind.Object)
            {
                writer.WriteStartObject();
                if (EdgeXdm.Property(state, "name") is { } stateName)
                {
                    writer.WritePropertyName("media.state.name");
                    stateName.WriteTo(writer);
                }

                writer.WriteEndObject();
            }
            else
            {
                state.WriteTo(writer);
            }

            index++;
        }

        writer.WriteEndArray();
    }

    private static void WriteQoe(Context context)
    {
        var (writer, map, collection, collectionPointer) = context;
        var qoePointer = JsonPointer.Append(collectionPointer, "qoeDataDetails");
        map.Add("/qoeData", qoePointer);
        foreach (var (xdmName, key) in EdgeFieldMap.QoeDataDetails)
        {
            map.Add(JsonPointer.Append("/qoeData", key), JsonPointer.Append(qoePointer, xdmName));
        }

        if (EdgeXdm.Property(collection, "qoeDataDetails") is not { } qoe)
        {
            return;
        }

        var any = false;
        foreach (var (xdmName, key) in EdgeFieldMap.QoeDataDetails)
        {
            if (EdgeXdm.Property(qoe, xdmName) is { } value)
            {
                if (!any)
                {
                    writer.WriteStartObject("qoeData");
                    any = true;
                }

                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }
        }

        if (any)
        {
            writer.WriteEndObject();
        }
    }

    private static void WriteCustomMetadata(Context context, EventType type)
    {
        var (writer, map, collection, collectionPointer) = context;
        if (!EventRules.For(type).CustomMetadataAllowed || EdgeXdm.Property(collection, "customMetadata") is not { } entries)
        {
            return;
        }

        var listPointer = JsonPointer.Append(collectionPointer, "customMetadata");
        map.Add("/customMetadata", listPointer);
        var names = new HashSet<string>(StringComparer.Ordinal);
        writer.WriteStartObject("customMetadata");
        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var name = entry.GetProperty("name").GetString()!;
            if (names.Add(name) && EdgeXdm.Property(entry, "value") is { } value)
            {
                map.Add(JsonPointer.Append("/customMetadata", name), JsonPointer.Append(listPointer, index.ToString(CultureInfo.InvariantCulture)));
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            index++;
        }

        writer.WriteEndObject();
    }
}
