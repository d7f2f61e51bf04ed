namespace Playtrail.Client.Tracking;

/// <summary>One event as the tracker emitted it.</summary>
/// <param name="EventType">The wire event type, e.g. <c>sessionStart</c> or <c>ping</c>.</param>
/// <param name="Ts">Its <c>playerTime.ts</c>, epoch milliseconds; strictly increasing within a tracker.</param>
/// <param name="Playhead">Its <c>playerTime.playhead</c>, seconds of main content.</param>
/// <param name="Json">The complete UTF-8 event object exactly as the server expects it.</param>
internal readonly record struct TrackedEvent(string EventType, long Ts, double Playhead, byte[] Json);
