using Playtrail.Storage.Privacy;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// A downloaded upload waiting for the writer. Its events are not copied: the writer binds each one's JSON from the
/// caller's memory, which the caller holds until this request is answered, and the writer touches only between claiming
/// the request and answering it (a request cancelled while queued is never run).
/// </summary>
internal sealed class CreateDownloadedSessionRequest(
    NewSession session, IReadOnlyList<EventRecord> events, UploadIdentity identity, CancellationToken cancellationToken)
    : WriteRequest<DownloadedOutcome>(cancellationToken)
{
    private readonly byte[][] _visitorKeys = VisitorKeys.FromSessionStart(events[0].Json.Span);

    public override string Operation => "create downloaded session";

    protected override DownloadedOutcome Run(SqliteWriteConnection connection, long now) =>
        connection.CreateDownloadedSession(session, events, identity, _visitorKeys);
}
