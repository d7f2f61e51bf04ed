namespace Playtrail.Core.Processing;

/// <summary>An event the processor ignored or repaired, and why.</summary>
/// <param name="Index">The event's position in the list given to the processor (arrival or array order).</param>
/// <param name="Reason">One of <see cref="IgnoreReasons"/>.</param>
public readonly record struct IgnoredEvent(int Index, string Reason);
