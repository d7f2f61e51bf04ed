using System.Text.Json;
using Playtrail.Client.Tracking;

namespace Playtrail.Client.Tests;

/// <summary>Keeps every event of every session a tracker opened, in order.</summary>
internal sealed class RecordingSink : ISessionSink
{
    private readonly List<TrackedEvent> _events;

    public RecordingSink(List<TrackedEvent> events) => _events = events;

    public bool Disposed { get; private set; }

    public void Write(TrackedEvent trackedEvent) => _events.Add(trackedEvent);

    public void Dispose() => Disposed = true;

    public static JsonElement Parse(TrackedEvent trackedEvent) => JsonDocument.Parse(trackedEvent.Json).RootElement;
}
