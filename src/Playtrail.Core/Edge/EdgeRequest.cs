using System.Globalization;
using System.Text.Json;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Edge;

/// <summary>
/// The envelope of an Edge Network request, <c>{ xdm?, events: [{ xdm }], meta? }</c>: its events and
/// what the client asked of the answer. Holds the parsed document; dispose it once the request is answered.
/// </summary>
public sealed class EdgeRequest : IDisposable
{
    private const string DefaultRecordSeparator = "\u0000";
    private const string DefaultLineFeed = "\n";
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private readonly JsonDocument _document;

    private EdgeRequest(JsonDocument document, IReadOnlyList<JsonElement?> events)
    {
        _document = document;
        Events = events;
        var root = document.RootElement;
        var streaming = Path(root, "meta", "konductorConfig", "streaming");
        if (streaming is { } settings && EdgeXdm.Property(settings, "enabled")?.ValueKind == JsonValueKind.True)
        {
            Streaming = true;
            RecordSeparator = Text(settings, "recordSeparator") ?? DefaultRecordSeparator;
            LineFeed = Text(settings, "lineFeed") ?? DefaultLineFeed;
        }

        RequestVisitorId = EcidOf(EdgeXdm.Property(root, "xdm"));
        var entries = Path(root, "meta", "state", "entries");
        var state = new List<KeyValuePair<string, string>>();
        if (entries is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var entry in list.EnumerateArray())
            {
                if (Text(entry, "key") is { } key && Text(entry, "value") is { } value)
                {
                    state.Add(new(key, value));
                }
            }
        }

        StateEntries = state;
    }

    /// <summary>The <c>xdm</c> object of each element of <c>events</c>; null for an element without one.</summary>
    public IReadOnlyList<JsonElement?> Events { get; }

    /// <summary>True when <c>meta.konductorConfig.streaming.enabled</c> asks for record-framed answers.</summary>
    public bool Streaming { get; }

    /// <summary>What precedes each record of a streamed answer (<c>\u0000</c> unless the client chose another).</summary>
    public string RecordSeparator { get; } = DefaultRecordSeparator;

    /// <summary>What ends each record of a streamed answer (<c>\n</c> unless the client chose another).</summary>
    public string LineFeed { get; } = DefaultLineFeed;

    /// <summary>The client's stored state sent in the body (<c>meta.state.entries</c>), as cookies would carry it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> StateEntries { get; }

    /// <summary>The ECID of the request-level <c>xdm.identityMap</c> (mobile clients put it there).</summary>
    public string? RequestVisitorId { get; }

    /// <summary>The viewer's ECID for the event <paramref name="xdm"/>: its own identity map first, then the request's.</summary>
    public string? VisitorIdFor(JsonElement xdm) => EcidOf(xdm) ?? RequestVisitorId;

    /// <summary>
    /// Parses <paramref name="body"/>. Returns null, with the failures in <paramref name="errors"/>, when it is
    /// not JSON or has no <c>events</c> array of objects. The body must stay alive as long as the request.
    /// </summary>
    public static EdgeRequest? Parse(ReadOnlyMemory<byte> body, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            errors.Add(string.Empty, ValidationRules.Json, "The request body is empty; send { \"events\": [ { \"xdm\": { ... } } ] }.");
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException exception)
        {
            errors.Add(string.Empty, ValidationRules.Json, "Malformed JSON: " + exception.Message);
            return null;
        }

        var root = document.RootElement;
        var before = errors.Errors.Count;
        var events = new List<JsonElement?>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(string.Empty, ValidationRules.Type, "The body must be an object { \"events\": [ ... ] }.");
        }
        else if (!root.TryGetProperty("events", out var list))
        {
            errors.Add("/events", ValidationRules.Required, "events is required: an array of { \"xdm\": { ... } } objects.");
        }
        else if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("/events", ValidationRules.Type, "events must be an array of { \"xdm\": { ... } } objects.");
        }
        else if (list.GetArrayLength() == 0)
        {
            errors.Add("/events", ValidationRules.MinItems, "events must hold at least one event.");
        }
        else
        {
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors.Add("/events/" + index.ToString(CultureInfo.InvariantCulture), ValidationRules.Type, "Each element of events must be an object { \"xdm\": { ... } }.");
                }

                events.Add(EdgeXdm.Property(item, "xdm"));
                index++;
            }
        }

        if (errors.Errors.Count != before)
        {
            document.Dispose();
            return null;
        }

        return new EdgeRequest(document, events);
    }

    /// <summary>The JSON pointer of <c>events[index].xdm</c>.</summary>
    public static string XdmPointer(int index) => "/events/" + index.ToString(CultureInfo.InvariantCulture) + "/xdm";

    /// <summary>
    /// Writes a JSON pointer the way Edge error reports name fields: <c>/events/0/xdm/mediaCollection/playhead</c>
    /// becomes <c>$.events[0].xdm.mediaCollection.playhead</c>.
    /// </summary>
    public static string ToJsonPath(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var path = new System.Text.StringBuilder("$");
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (token.Length > 0 && token.All(char.IsAsciiDigit))
            {
                path.Append('[').Append(token).Append(']');
            }
            else if (token.Length > 0 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
            {
                path.Append('.').Append(token);
            }
            else
            {
                path.Append("['").Append(token.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            }
        }

        return path.ToString();
    }

    /// <summary>Disposes the parsed document.</summary>
    public void Dispose() => _document.Dispose();

    private static string? EcidOf(JsonElement? xdm)
    {
        if (xdm is not { } value || Path(value, "identityMap", "ECID") is not { ValueKind: JsonValueKind.Array } ids)
        {
            return null;
        }

        foreach (var id in ids.EnumerateArray())
        {
            if (Text(id, "id") is { Length: > 0 } ecid)
            {
                return ecid;
            }
        }

        return null;
    }

    private static JsonElement? Path(JsonElement root, params ReadOnlySpan<string> names)
    {
        JsonElement? current = root;
        foreach (var name in names)
        {
            current = current is { } element ? EdgeXdm.Property(element, name) : null;
        }

        return current;
    }

    private static string? Text(JsonElement element, string name) =>
        EdgeXdm.Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
