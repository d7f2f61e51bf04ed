namespace Playtrail.Core.Processing;

/// <summary>One player state of a session (docs/reference/media-collection-api.md#state-metrics).</summary>
/// <param name="Name">The state name, lower-cased (<c>a.media.states.&lt;name&gt;.*</c>).</param>
/// <param name="Set">The state occurred (<c>.set</c>); always true for a reported state.</param>
/// <param name="Count">How many times it was entered (<c>.count</c>).</param>
/// <param name="Time">Seconds from each start to its end, or to the close while still active (<c>.time</c>).</param>
public sealed record StateMetrics(string Name, bool Set, int Count, double Time);
