namespace Playtrail.Storage.Privacy;

/// <summary>
/// How much one deletion transaction may touch, so that deleting a visitor with many or long sessions never holds the
/// SQLite writer (or PostgreSQL row locks) for longer than storing an ordinary upload does.
/// </summary>
/// <param name="MaxSessions">Sessions taken per transaction.</param>
/// <param name="MaxEvents">Raw events deleted per transaction; a session with more is emptied over several.</param>
internal sealed record VisitorDeletionLimits(int MaxSessions, int MaxEvents)
{
    /// <summary>About the work of storing one large downloaded upload.</summary>
    public static VisitorDeletionLimits Default { get; } = new(100, 5_000);
}
