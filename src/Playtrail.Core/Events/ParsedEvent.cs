namespace Playtrail.Core.Events;

/// <summary>
/// One validated event, read from a request body without copying it: the fields every stage needs
/// plus the position of the event's original JSON inside the body it came from.
/// </summary>
/// <param name="Type">The event type.</param>
/// <param name="Playhead">Seconds into the content (main-content position during ads).</param>
/// <param name="Ts">Device time in epoch milliseconds.</param>
/// <param name="Offset">Byte offset of the event's JSON object in the body.</param>
/// <param name="Length">Byte length of the event's JSON object.</param>
/// <param name="Downloaded">The <c>media.downloaded</c> flag of a <c>sessionStart</c>, or null when absent.</param>
public readonly record struct ParsedEvent(
    EventType Type,
    double Playhead,
    long Ts,
    int Offset,
    int Length,
    bool? Downloaded)
{
    /// <summary>The event's original JSON inside <paramref name="body"/>.</summary>
    public ReadOnlyMemory<byte> Json(ReadOnlyMemory<byte> body) => body.Slice(Offset, Length);
}
