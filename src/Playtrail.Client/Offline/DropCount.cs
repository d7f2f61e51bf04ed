namespace Playtrail.Client.Offline;

/// <summary>What was dropped for one <see cref="StoreDropReason"/>: whole sessions and the events (in or outside them).</summary>
/// <param name="Sessions">Whole sessions dropped.</param>
/// <param name="Events">Events dropped, including those inside dropped sessions.</param>
public readonly record struct DropCount(long Sessions, long Events);
