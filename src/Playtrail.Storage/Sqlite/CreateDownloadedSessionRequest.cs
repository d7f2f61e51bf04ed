using Playtrail.Storage.Privacy;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

internal sealed class CreateDownloadedSessionRequest(
    NewSession session, IReadOnlyList<EventRecord> events, UploadIdentity identity, CancellationToken cancellationToken)
    : WriteRequest<DownloadedOutcome>(cancellationToken)
{
    private readonly byte[][] _bodies = CopyBodies(events);
    private readonly byte[][] _visitorKeys = VisitorKeys.FromSessionStart(events[0].Json.Span);

    public override string Operation => "create downloaded session";

    protected override DownloadedOutcome Run(SqliteWriteConnection connection, long now) =>
        connection.CreateDownloadedSession(session, events, _bodies, identity, _visitorKeys);

    private static byte[][] CopyBodies(IReadOnlyList<EventRecord> events)
    {
        var bodies = new byte[events.Count][];
        for (var i = 0; i < bodies.Length; i++)
        {
            bodies[i] = ToBlob(events[i].Json);
        }

        return bodies;
    }
}
