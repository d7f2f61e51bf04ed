using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

internal sealed class AppendEventRequest(string sessionId, EventRecord record, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    : WriteRequest<AppendOutcome>(cancellationToken)
{
    private readonly byte[] _body = ToBlob(record.Json);

    public override string Operation => "append event";

    protected override AppendOutcome Run(SqliteWriteConnection connection, long now) =>
        connection.AppendEvent(sessionId, record, _body, receivedAt.ToUnixTimeMilliseconds());
}
