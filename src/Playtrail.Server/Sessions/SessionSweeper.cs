using Microsoft.Extensions.Options;
using Playtrail.Server.Operations;
using Playtrail.Server.Processing;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Sessions;

/// <summary>
/// Closes online sessions that went idle (no event for <see cref="SessionTimeoutOptions.IdleTimeout"/>) or stalled
/// (no playhead movement for <see cref="SessionTimeoutOptions.StallTimeout"/>), as the real backend does.
/// </summary>
internal sealed class SessionSweeper(
    ISessionStore store,
    IOptions<SessionTimeoutOptions> options,
    TimeProvider timeProvider,
    ServerMetrics metrics,
    SessionProcessingService processing,
    ILogger<SessionSweeper> logger) : BackgroundService
{
    private readonly SessionTimeoutOptions _options = options.Value;

    /// <summary>Runs one pass and returns the ids it closed.</summary>
    public async Task<IReadOnlyList<string>> SweepOnceAsync(CancellationToken cancellationToken)
    {
        using var activity = ServerTelemetry.Source.StartActivity("playtrail.sweep");
        var started = timeProvider.GetTimestamp();
        var now = timeProvider.GetUtcNow();
        var closed = await store.CloseTimedOutSessionsAsync(now - _options.IdleTimeout, now - _options.StallTimeout, cancellationToken)
            .ConfigureAwait(false);
        activity?.SetTag("playtrail.sessions.closed", closed.Count);
        if (closed.Count > 0)
        {
            Log.SweptSessions(logger, closed.Count);
        }

        foreach (var sessionId in closed)
        {
            await processing.TryProcessClosedAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }

        // Also finishes sessions whose processing failed or was cut short by a crash.
        await processing.RecoverAsync(cancellationToken).ConfigureAwait(false);
        metrics.SweepFinished(closed.Count, timeProvider.GetElapsedTime(started));
        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, timeProvider);

        // The first pass runs at once: sessions closed but not processed before a restart are finished now.
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed pass loses nothing: the sessions are still open and the next pass retries them.
                Log.SweepFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
