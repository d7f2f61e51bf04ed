namespace Playtrail.Storage.Sqlite;

/// <summary>One bounded batch of raw-event retention, run by the writer between other writes.</summary>
internal sealed class DropOldEventsRequest(long cutoff, long after, int batchSize, CancellationToken cancellationToken)
    : WriteRequest<(int Deleted, long Last, bool Done)>(cancellationToken)
{
    public override string Operation => "drop old raw events";

    protected override (int Deleted, long Last, bool Done) Run(SqliteWriteConnection connection, long now) =>
        connection.DropEventsBefore(cutoff, after, batchSize);
}
