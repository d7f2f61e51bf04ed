using Playtrail.Core.Events;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Edge;

/// <summary>
/// One XDM media event translated into the Media Collection event Playtrail validates, stores and
/// processes, with the way back from the translated event's fields to the XDM ones.
/// </summary>
public sealed class EdgeEvent
{
    internal EdgeEvent(EventType type, string? sessionId, ReadOnlyMemory<byte> json, EdgePointerMap pointers)
    {
        Type = type;
        SessionId = sessionId;
        Json = json;
        Pointers = pointers;
    }

    /// <summary>The event type, without the <c>media.</c> prefix of XDM.</summary>
    public EventType Type { get; }

    /// <summary><c>mediaCollection.sessionID</c>; null on <c>sessionStart</c> and inside a downloaded session.</summary>
    public string? SessionId { get; }

    /// <summary>The translated Media Collection event (UTF-8 JSON).</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>Maps pointers into <see cref="Json"/> back to the XDM fields of the request.</summary>
    public EdgePointerMap Pointers { get; }

    /// <summary>
    /// Runs the translated event through the Media Collection validator (as a new session for
    /// <c>sessionStart</c>, as a session event otherwise). The parsed event goes to <paramref name="events"/>;
    /// failures go to <paramref name="errors"/> with pointers into the Edge request.
    /// </summary>
    public bool Validate(List<ParsedEvent> events, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var route = Type == EventType.SessionStart ? IngestionRoute.Sessions : IngestionRoute.Events;
        var found = new ErrorCollector(errors.Capacity);
        var valid = PayloadValidator.Validate(Json.Span, route, events, found).IsValid;
        foreach (var error in found.Errors)
        {
            errors.Add(Pointers.ToEdge(error.Pointer), error.Rule, error.Message);
        }

        return valid;
    }
}
