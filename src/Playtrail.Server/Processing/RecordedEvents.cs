using System.Collections;
using Playtrail.Core.Processing;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Processing;

/// <summary>
/// The events a request has just stored, seen as the processor reads them: the same type, time, playhead and JSON the
/// store wrote, without reading them back from the store or copying them into a second array.
/// </summary>
internal sealed class RecordedEvents(IReadOnlyList<EventRecord> records) : IReadOnlyList<SessionEvent>
{
    public int Count => records.Count;

    public SessionEvent this[int index]
    {
        get
        {
            var record = records[index];
            return new SessionEvent(record.Type, record.Ts, record.Playhead, record.Json);
        }
    }

    public IEnumerator<SessionEvent> GetEnumerator()
    {
        for (var i = 0; i < records.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
