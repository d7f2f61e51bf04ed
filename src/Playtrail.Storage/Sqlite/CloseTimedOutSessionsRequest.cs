namespace Playtrail.Storage.Sqlite;

internal sealed class CloseTimedOutSessionsRequest(DateTimeOffset idleBefore, DateTimeOffset stallBefore, CancellationToken cancellationToken)
    : WriteRequest<IReadOnlyList<string>>(cancellationToken)
{
    public override string Operation => "close timed-out sessions";

    protected override IReadOnlyList<string> Run(SqliteWriteConnection connection, long now) =>
        connection.CloseTimedOutSessions(idleBefore.ToUnixTimeMilliseconds(), stallBefore.ToUnixTimeMilliseconds(), now);
}
