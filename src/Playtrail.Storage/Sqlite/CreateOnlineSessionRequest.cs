using Playtrail.Storage.Privacy;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

internal sealed class CreateOnlineSessionRequest(NewSession session, EventRecord sessionStart, CancellationToken cancellationToken)
    : WriteRequest<bool>(cancellationToken)
{
    private readonly byte[] _body = ToBlob(sessionStart.Json);
    private readonly byte[][] _visitorKeys = VisitorKeys.FromSessionStart(sessionStart.Json.Span);

    public override string Operation => "create online session";

    protected override bool Run(SqliteWriteConnection connection, long now)
    {
        connection.CreateOnlineSession(session, sessionStart, _body, _visitorKeys);
        return true;
    }
}
