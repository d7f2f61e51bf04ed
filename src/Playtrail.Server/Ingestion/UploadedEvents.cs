using System.Collections;
using Playtrail.Core.Events;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Ingestion;

/// <summary>
/// The events of a validated upload as the store takes them, read on demand from the validator's positions: each
/// event's JSON is a slice of the request body, so an upload costs no copy of its events and no second array of them.
/// The body must stay rented until the store has answered (the caller holds it for the whole request).
/// </summary>
internal sealed class UploadedEvents(List<ParsedEvent> events, ReadOnlyMemory<byte> body) : IReadOnlyList<EventRecord>
{
    public int Count => events.Count;

    public EventRecord this[int index]
    {
        get
        {
            var parsed = events[index];
            return new EventRecord(parsed.Type, parsed.Ts, parsed.Playhead, parsed.Json(body));
        }
    }

    public IEnumerator<EventRecord> GetEnumerator()
    {
        for (var i = 0; i < events.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
