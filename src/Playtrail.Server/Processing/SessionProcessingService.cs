using System.Diagnostics;
using Microsoft.Extensions.Options;
using Playtrail.Core.Events;
using Playtrail.Core.Processing;
using Playtrail.Core.Processing.Timeline;
using Playtrail.Server.Operations;
using Playtrail.Server.Sessions;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Server.Processing;

/// <summary>
/// Runs the session processor on stored sessions: once when a session closes (its report, calls, facts and rollup
/// increments stored together, counted once), and on demand for the report so far of an open session.
/// </summary>
internal sealed class SessionProcessingService(
    ISessionStore store,
    IOptions<SessionTimeoutOptions> options,
    ServerMetrics metrics,
    ILogger<SessionProcessingService> logger)
{
    private const int RecoveryBatchSize = 500;

    private readonly SessionTimeoutOptions _options = options.Value;

    /// <summary>
    /// Processes a closed session and stores the result. Safe to call more than once or from several places at
    /// the same time: the store keeps only the first. Returns false when the session is unknown or still open.
    /// </summary>
    public Task<bool> ProcessClosedAsync(string sessionId, CancellationToken cancellationToken) =>
        ProcessClosedAsync(sessionId, stored: null, cancellationToken);

    /// <summary>
    /// Processes a closed session and stores the result, from <paramref name="stored"/> when the caller has just stored
    /// those events itself (a downloaded upload still holding its body), else from the store.
    /// </summary>
    private async Task<bool> ProcessClosedAsync(string sessionId, IReadOnlyList<EventRecord>? stored, CancellationToken cancellationToken)
    {
        using var activity = ServerTelemetry.Source.StartActivity("playtrail.session.process");
        var started = Stopwatch.GetTimestamp();
        var row = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (row is null || row.Status == SessionStatus.Active)
        {
            return false;
        }

        IReadOnlyList<SessionEvent> events = stored is null
            ? ToSessionEvents(await store.GetEventsAsync(sessionId, cancellationToken).ConfigureAwait(false))
            : new RecordedEvents(stored);
        var report = SessionProcessor.Process(events, Context(row));
        // A large report or calls is measured here and written again by the store where it goes (StoredJson); the
        // events it reads (a downloaded upload's body) are held until the store has answered.
        var header = Header(row);
        var processed = new ProcessedSession(
            sessionId,
            StoredJson.Write(writer => SessionReportJson.Write(writer, report, header)),
            StoredJson.Write(writer => AnalyticsCallsJson.Write(writer, report.Calls)),
            SessionFactsBuilder.FromReport(row, report));
        var saved = await store.SaveProcessedSessionAsync(processed, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("playtrail.events", events.Count);
        metrics.SessionProcessed(saved, Stopwatch.GetElapsedTime(started));

        return true;
    }

    /// <summary>Processes a closed session, logging instead of throwing: the recovery pass retries what fails here.</summary>
    public Task TryProcessClosedAsync(string sessionId, CancellationToken cancellationToken) =>
        TryProcessClosedAsync(sessionId, stored: null, cancellationToken);

    /// <summary>
    /// <see cref="TryProcessClosedAsync(string, CancellationToken)"/> for a session whose events the caller has just
    /// stored and still holds (<paramref name="stored"/>, in their stored order), so they are not read back.
    /// </summary>
    public async Task TryProcessClosedAsync(string sessionId, IReadOnlyList<EventRecord>? stored, CancellationToken cancellationToken)
    {
        try
        {
            await ProcessClosedAsync(sessionId, stored, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.ProcessingFailed(logger, exception);
        }
    }

    /// <summary>Processes every closed session still waiting (after a crash or a failed attempt); returns how many.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        var failedBefore = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var waiting = await store.GetUnprocessedSessionIdsAsync(RecoveryBatchSize, cancellationToken).ConfigureAwait(false);
            var fresh = waiting.Where(id => !failedBefore.Contains(id)).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            foreach (var sessionId in fresh)
            {
                try
                {
                    await ProcessClosedAsync(sessionId, cancellationToken).ConfigureAwait(false);
                    total++;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Remembered for this pass only, so one broken session cannot stall the others; the next pass retries it.
                    failedBefore.Add(sessionId);
                    Log.ProcessingFailed(logger, exception);
                }
            }
        }

        if (total > 0)
        {
            Log.Recovered(logger, total);
        }

        return total;
    }

    /// <summary>The report JSON of any session: stored when processed, computed from its events otherwise.</summary>
    public async Task<byte[]?> GetReportJsonAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (await store.GetReportAsync(sessionId, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return stored.ReportJson;
        }

        return await ComputeAsync(sessionId, (row, report) => ReportJson(row, report), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The analytics calls JSON of any session: stored when processed, computed so far otherwise.</summary>
    public async Task<byte[]?> GetCallsJsonAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (await store.GetReportAsync(sessionId, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return stored.CallsJson;
        }

        return await ComputeAsync(sessionId, (_, report) => CallsJson(report), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The timeline JSON of any session, open or closed, always computed from its stored events.</summary>
    public async Task<byte[]?> GetTimelineJsonAsync(string sessionId, CancellationToken cancellationToken)
    {
        var row = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var events = await store.GetEventsAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return SessionTimelineJson.ToUtf8Bytes(SessionTimeline.Build(ToSessionEvents(events), Context(row)));
    }

    private async Task<byte[]?> ComputeAsync(string sessionId, Func<SessionRow, SessionReport, byte[]> write, CancellationToken cancellationToken)
    {
        var row = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var events = await store.GetEventsAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return write(row, Process(row, events));
    }

    private SessionReport Process(SessionRow row, IReadOnlyList<StoredEvent> stored) => SessionProcessor.Process(ToSessionEvents(stored), Context(row));

    private static SessionEvent[] ToSessionEvents(IReadOnlyList<StoredEvent> stored)
    {
        var events = new SessionEvent[stored.Count];
        for (var i = 0; i < events.Length; i++)
        {
            var storedEvent = stored[i];
            events[i] = new SessionEvent(storedEvent.Type, storedEvent.Ts, storedEvent.Playhead, storedEvent.Json);
        }

        return events;
    }

    private SessionContext Context(SessionRow row) => new(row.SessionId, row.Downloaded, CloseKind(row), SecondsSinceLastCall(row));

    private static SessionCloseKind CloseKind(SessionRow row) => row.CloseReason switch
    {
        null => SessionCloseKind.Open,
        CloseReason.Complete => SessionCloseKind.Complete,
        CloseReason.End => SessionCloseKind.End,
        CloseReason.Idle => SessionCloseKind.Idle,
        CloseReason.Stall => SessionCloseKind.Stall,
        CloseReason.EndOfArray => SessionCloseKind.EndOfArray,
        _ => throw new InvalidDataException($"Session {row.SessionId} has an unknown close reason."),
    };

    /// <summary>
    /// docs/decisions/0012-online-timeouts.md: an idle close reports the idle timeout (600 s by default); a stall close
    /// the real gap.
    /// </summary>
    private double? SecondsSinceLastCall(SessionRow row) => row.CloseReason switch
    {
        CloseReason.Idle => _options.IdleTimeout.TotalSeconds,
        CloseReason.Stall when row.ClosedAt is { } closedAt => Math.Max(0, (closedAt - row.LastEventAt).TotalSeconds),
        _ => null,
    };

    private static byte[] ReportJson(SessionRow row, SessionReport report) => SessionReportJson.ToUtf8Bytes(report, Header(row));

    private static ReportHeader Header(SessionRow row) =>
        new(row.SessionId, SessionStatusText.Name(row.Status), row.Downloaded, row.ReceivedAt, row.ClosedAt)
        {
            CloseReason = CloseReasonText.NameOrNull(row.CloseReason),
        };

    private static byte[] CallsJson(SessionReport report) => AnalyticsCallsJson.ToUtf8Bytes(report.Calls);
}
