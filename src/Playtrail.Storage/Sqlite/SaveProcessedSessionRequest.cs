using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

internal sealed class SaveProcessedSessionRequest(ProcessedSession processed, CancellationToken cancellationToken)
    : WriteRequest<bool>(cancellationToken)
{
    public override string Operation => "save processed session";

    protected override bool Run(SqliteWriteConnection connection, long now) => connection.SaveProcessed(processed, now);
}
