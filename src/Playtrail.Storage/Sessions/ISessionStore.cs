using Playtrail.Core.Events;
using Playtrail.Storage.Privacy;

namespace Playtrail.Storage.Sessions;

/// <summary>
/// Where sessions and their original events are kept. Every write method returns only once its data is
/// durably committed; a method that fails has written nothing.
/// </summary>
public interface ISessionStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Safe to call at every start-up.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>True when the store answers a trivial query.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);

    /// <summary>Creates an online session from its validated <c>sessionStart</c>.</summary>
    Task CreateOnlineSessionAsync(NewSession session, EventRecord sessionStart, CancellationToken cancellationToken);

    /// <summary>
    /// Appends one validated event to an online session, in the same transaction as the check that the
    /// session exists and is open. A <c>sessionEnd</c> or <c>sessionComplete</c> closes the session.
    /// </summary>
    Task<AppendOutcome> AppendEventAsync(string sessionId, EventRecord record, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a whole validated downloaded session, closed, in one transaction, unless an upload with the
    /// same identity was stored since <see cref="UploadIdentity.NotBefore"/>: then nothing is written and
    /// the original session id is returned.
    /// </summary>
    Task<DownloadedOutcome> CreateDownloadedSessionAsync(
        NewSession session, IReadOnlyList<EventRecord> events, UploadIdentity identity, CancellationToken cancellationToken);

    /// <summary>
    /// Closes open online sessions whose last event arrived before <paramref name="idleBefore"/> (reason
    /// <c>idle</c>) or whose playhead last moved before <paramref name="stallBefore"/> (reason <c>stall</c>).
    /// Returns the ids it closed.
    /// </summary>
    Task<IReadOnlyList<string>> CloseTimedOutSessionsAsync(DateTimeOffset idleBefore, DateTimeOffset stallBefore, CancellationToken cancellationToken);

    /// <summary>The session's row, or null when the id is unknown.</summary>
    Task<SessionRow?> GetSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>The session's events in stored order (empty when the id is unknown).</summary>
    Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a closed session's report, calls and rollup increments in one transaction, unless the session was
    /// processed before (then nothing is written and false is returned): each session counts once.
    /// </summary>
    Task<bool> SaveProcessedSessionAsync(ProcessedSession processed, CancellationToken cancellationToken);

    /// <summary>Closed sessions not processed yet, oldest close first (used at start-up to finish interrupted work).</summary>
    Task<IReadOnlyList<string>> GetUnprocessedSessionIdsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The stored report and calls of a processed session, or null.</summary>
    Task<StoredReport?> GetReportAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every stored session whose <c>sessionStart</c> named <paramref name="visitorId"/> (see
    /// <see cref="VisitorIdentifiers"/>), open or closed: its raw events, its row, its report and calls and its
    /// per-session facts. The rollups keep the totals the session added. Runs as a series of bounded transactions, each
    /// committed whole; cancelling stops between two of them, and calling again finishes the rest. Answers zero when
    /// nothing names the visitor, so a repeated request is harmless.
    /// </summary>
    Task<VisitorDeletion> DeleteVisitorAsync(string visitorId, CancellationToken cancellationToken);
}
