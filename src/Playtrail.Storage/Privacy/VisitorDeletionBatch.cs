namespace Playtrail.Storage.Privacy;

/// <summary>What one bounded deletion transaction did.</summary>
/// <param name="Found">False when no stored session names the visitor any more: the deletion is complete.</param>
/// <param name="Sessions">Sessions removed whole in this transaction.</param>
/// <param name="Events">Raw events removed in this transaction.</param>
internal readonly record struct VisitorDeletionBatch(bool Found, int Sessions, long Events);
