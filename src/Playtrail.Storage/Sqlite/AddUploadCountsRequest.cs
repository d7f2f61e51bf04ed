using Playtrail.Storage.Reporting;

namespace Playtrail.Storage.Sqlite;

internal sealed class AddUploadCountsRequest(IReadOnlyList<UploadCount> counts, CancellationToken cancellationToken)
    : WriteRequest<bool>(cancellationToken)
{
    public override string Operation => "add upload counts";

    protected override bool Run(SqliteWriteConnection connection, long now)
    {
        connection.AddUploadCounts(counts);
        return true;
    }
}
