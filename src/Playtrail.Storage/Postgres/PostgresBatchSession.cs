using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// One session's row while a batch is worked out: as locked from the database, or as a session start of the same batch
/// made it, then moved on by each accepted append in queue order exactly as the one-event-at-a-time statements did
/// (the same min/max rules, the playhead clock moving only when the playhead does), so a batch stores what the same
/// writes one after another would have stored.
/// </summary>
internal sealed class PostgresBatchSession
{
    private PostgresBatchSession(string sessionId, string status, int eventCount, long firstTs, long lastTs, long lastEventAt,
        double lastPlayhead, long playheadChangedAt, NewSession? start)
    {
        SessionId = sessionId;
        Status = status;
        EventCount = eventCount;
        FirstTs = firstTs;
        LastTs = lastTs;
        LastEventAt = lastEventAt;
        LastPlayhead = lastPlayhead;
        PlayheadChangedAt = playheadChangedAt;
        Start = start;
    }

    public string SessionId { get; }

    /// <summary>The session start of this batch that creates the row; null for a row that was locked.</summary>
    public NewSession? Start { get; }

    /// <summary>True once an append changed a locked row (a created row is always written).</summary>
    public bool Changed { get; private set; }

    public string Status { get; private set; }

    public string? CloseReason { get; private set; }

    public long? ClosedAt { get; private set; }

    /// <summary>The number of events, which is also the next sequence number.</summary>
    public int EventCount { get; private set; }

    public long FirstTs { get; private set; }

    public long LastTs { get; private set; }

    public long LastEventAt { get; private set; }

    public double LastPlayhead { get; private set; }

    public long PlayheadChangedAt { get; private set; }

    public bool IsActive => Status == SessionStatusText.Active;

    /// <summary>A row read under its lock (<see cref="PostgresStatements.LockSessions"/>).</summary>
    public static PostgresBatchSession Locked(string sessionId, string status, int eventCount, long firstTs, long lastTs, long lastEventAt,
        double lastPlayhead, long playheadChangedAt) =>
        new(sessionId, status, eventCount, firstTs, lastTs, lastEventAt, lastPlayhead, playheadChangedAt, start: null);

    /// <summary>A new online session holding its sessionStart as event 0.</summary>
    public static PostgresBatchSession Created(PostgresOnlineWrite write) =>
        new(write.SessionId, SessionStatusText.Active, 1, write.Record.Ts, write.Record.Ts, write.ReceivedAt,
            write.Record.Playhead, write.ReceivedAt, write.Start);

    /// <summary>Takes one accepted append and returns its sequence number.</summary>
    public int Append(PostgresOnlineWrite write)
    {
        var record = write.Record;
        var sequence = EventCount++;
        FirstTs = Math.Min(FirstTs, record.Ts);
        LastTs = Math.Max(LastTs, record.Ts);
        LastEventAt = Math.Max(LastEventAt, write.ReceivedAt);
        // Exact comparison: only a playhead that moved restarts the stall clock the sweeper reads.
        if (LastPlayhead != record.Playhead)
        {
            PlayheadChangedAt = Math.Max(PlayheadChangedAt, write.ReceivedAt);
        }

        LastPlayhead = record.Playhead;
        if (write.ClosingStatus is { } status)
        {
            Status = status;
            CloseReason = write.CloseReason;
            ClosedAt = write.ReceivedAt;
        }

        Changed = true;
        return sequence;
    }
}
