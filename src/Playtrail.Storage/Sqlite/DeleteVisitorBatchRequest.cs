using Playtrail.Storage.Privacy;

namespace Playtrail.Storage.Sqlite;

internal sealed class DeleteVisitorBatchRequest(byte[] visitorKey, VisitorDeletionLimits limits, CancellationToken cancellationToken)
    : WriteRequest<VisitorDeletionBatch>(cancellationToken)
{
    public override string Operation => "delete visitor";

    protected override VisitorDeletionBatch Run(SqliteWriteConnection connection, long now) => connection.DeleteVisitorBatch(visitorKey, limits, now);
}
