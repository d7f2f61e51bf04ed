namespace Playtrail.Storage.Privacy;

/// <summary>What deleting a visitor removed.</summary>
/// <param name="Sessions">Sessions removed with their report, calls and per-session facts.</param>
/// <param name="Events">Raw events removed.</param>
public readonly record struct VisitorDeletion(int Sessions, long Events);
