using Playtrail.Core.Events;
using Playtrail.Storage.Privacy;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// One online write waiting for a batch: an event appended to a session, or a session start. Its outcome is held back
/// until its batch commits, so a caller never hears "stored" for data a rolled-back batch discarded.
/// </summary>
internal sealed class PostgresOnlineWrite : IGroupCommitWrite
{
    private readonly PendingWrite<AppendOutcome> _pending;

    private PostgresOnlineWrite(string sessionId, EventRecord record, long receivedAt, NewSession? start, CancellationToken cancellationToken)
    {
        SessionId = sessionId;
        Record = record;
        // Copied on the caller's thread: the request's buffer goes back to its pool once the caller has its answer,
        // and a writer loop should spend its time on the database.
        Body = record.Json.ToArray();
        ReceivedAt = receivedAt;
        Start = start;
        VisitorKeys = start is null ? [] : Privacy.VisitorKeys.FromSessionStart(record.Json.Span);
        _pending = new PendingWrite<AppendOutcome>(cancellationToken);
    }

    public string SessionId { get; }

    public EventRecord Record { get; }

    public byte[] Body { get; }

    /// <summary>Server arrival time in epoch milliseconds.</summary>
    public long ReceivedAt { get; }

    /// <summary>The session this write creates; null for an append.</summary>
    public NewSession? Start { get; }

    /// <summary>The identifier digests of a session start's <c>sessionStart</c>; empty for an append.</summary>
    public byte[][] VisitorKeys { get; }

    /// <summary>Wins only while the write is queued: once it runs, its true outcome is always reported.</summary>
    public CancellationToken CancellationToken => _pending.CancellationToken;

    /// <summary>The outcome of the write's last run, handed to the caller only after its batch commits.</summary>
    public AppendOutcome Outcome { get; set; }

    public Task<AppendOutcome> Task => _pending.Task;

    public string Operation => Start is null ? "append event" : "create online session";

    /// <summary>The status an accepted append sets, or null when the event does not close the session.</summary>
    public string? ClosingStatus => SessionClosing.ByEvent(Record.Type).Status;

    /// <summary>The close reason that goes with <see cref="ClosingStatus"/>.</summary>
    public string? CloseReason => SessionClosing.ByEvent(Record.Type).CloseReason;

    public static PostgresOnlineWrite Append(string sessionId, EventRecord record, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        new(sessionId, record, receivedAt.ToUnixTimeMilliseconds(), start: null, cancellationToken);

    public static PostgresOnlineWrite Create(NewSession session, EventRecord sessionStart, CancellationToken cancellationToken) =>
        new(session.SessionId, sessionStart, session.ReceivedAt.ToUnixTimeMilliseconds(), session, cancellationToken);

    /// <summary>Claims the write for a writer loop; false when it was cancelled while queued, and must then be skipped.</summary>
    public bool TryStart() => _pending.TryStart();

    public void Complete() => _pending.Complete(Outcome);

    public void Fail(Exception exception) => _pending.Fail(exception);
}
