using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

internal sealed class CreateOnlineSessionRequest(NewSession session, EventRecord sessionStart, CancellationToken cancellationToken)
    : WriteRequest<bool>(cancellationToken)
{
    private readonly byte[] _body = ToBlob(sessionStart.Json);

    public override string Operation => "create online session";

    protected override bool Run(SqliteWriteConnection connection, long now)
    {
        connection.CreateOnlineSession(session, sessionStart, _body);
        return true;
    }
}
