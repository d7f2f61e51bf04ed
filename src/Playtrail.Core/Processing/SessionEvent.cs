using Playtrail.Core.Events;

namespace Playtrail.Core.Processing;

/// <summary>One stored, already-validated event of a session, as the processor reads it.</summary>
/// <param name="Type">The event type.</param>
/// <param name="Ts">Device time in epoch milliseconds (<c>playerTime.ts</c>).</param>
/// <param name="Playhead">Seconds into the main content (<c>playerTime.playhead</c>; the main position during ads).</param>
/// <param name="Json">The event's original JSON object, byte for byte as received.</param>
public readonly record struct SessionEvent(EventType Type, long Ts, double Playhead, ReadOnlyMemory<byte> Json);
