using System.Text;
using System.Text.Json.Nodes;
using Playtrail.Client.Tracking;

namespace Playtrail.Client.Online;

/// <summary>The request side: session creation, retries, and resuming a session the server closed.</summary>
internal sealed partial class OnlineSessionSink
{
    /// <summary>Resumes in a row without one accepted event: beyond this the server is refusing us, not timing us out.</summary>
    private const int MaxResumesInARow = 3;

    private byte[]? _sessionStartJson;
    private int _resumesInARow;

    private async Task ProcessAsync(TrackedEvent trackedEvent, CancellationToken cancellationToken)
    {
        if (trackedEvent.EventType == EventNames.SessionStart)
        {
            _sessionStartJson = trackedEvent.Json;
            var resumed = trackedEvent.Json.AsSpan().IndexOf("\"media.resume\":true"u8) >= 0;
            SessionId = await CreateSessionAsync(trackedEvent.Json, resumed, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (SessionId is null)
        {
            _context.Diagnostics.Dropped(DropReason.NoSession);
            return;
        }

        var outcome = await SendAsync(CollectionApiClient.EventsPath(SessionId), trackedEvent, cancellationToken).ConfigureAwait(false);
        if (outcome.IsSessionGone)
        {
            if (trackedEvent.EventType == EventNames.SessionEnd)
            {
                // The session is closed already, which is all sessionEnd asked for.
                return;
            }

            Log.SessionGone(_context.Logger, outcome.Status);
            if (_resumesInARow >= MaxResumesInARow || !await ResumeAsync(trackedEvent, cancellationToken).ConfigureAwait(false))
            {
                SessionId = null;
                _context.Diagnostics.Dropped(DropReason.NoSession);
                return;
            }

            outcome = await SendAsync(CollectionApiClient.EventsPath(SessionId!), trackedEvent, cancellationToken).ConfigureAwait(false);
        }

        Settle(trackedEvent.EventType, outcome);
    }

    private async Task<bool> ResumeAsync(TrackedEvent failed, CancellationToken cancellationToken)
    {
        _resumesInARow++;
        var json = ResumeJson(_sessionStartJson!, failed.Playhead, failed.Ts - 1);
        SessionId = await CreateSessionAsync(json, resumed: true, cancellationToken).ConfigureAwait(false);
        return SessionId is not null;
    }

    /// <summary>The session's own sessionStart, flagged <c>media.resume</c>, at the position where the old session was lost.</summary>
    internal static byte[] ResumeJson(byte[] sessionStart, double playhead, long ts)
    {
        var root = JsonNode.Parse(sessionStart)!.AsObject();
        root["params"]!.AsObject()["media.resume"] = true;
        root["playerTime"] = new JsonObject { ["playhead"] = playhead, ["ts"] = ts };
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private async Task<string?> CreateSessionAsync(byte[] json, bool resumed, CancellationToken cancellationToken)
    {
        var start = new TrackedEvent(EventNames.SessionStart, 0, 0, json);
        var outcome = await SendAsync(CollectionApiClient.SessionsPath, start, cancellationToken).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            Settle(EventNames.SessionStart, outcome);
            return null;
        }

        var sessionId = CollectionApiClient.SessionIdFrom(outcome.Location);
        if (sessionId is null)
        {
            Log.NoLocation(_context.Logger);
            _context.Diagnostics.Error("The server's 201 had no usable Location header.");
            _context.Diagnostics.Dropped(DropReason.NoSession);
            return null;
        }

        _context.Diagnostics.Sent();
        _context.Diagnostics.SessionStarted(resumed);
        Log.SessionCreated(_context.Logger, sessionId, resumed);
        return sessionId;
    }

    private void Settle(string eventType, HttpOutcome outcome)
    {
        if (outcome.IsSuccess)
        {
            _resumesInARow = 0;
            _context.Diagnostics.Sent();
        }
        else if (outcome.IsTransient)
        {
            _context.Diagnostics.Dropped(DropReason.RetriesExhausted);
            _context.Diagnostics.Error($"Gave up on a {eventType} event after {outcome.Failure}.");
            Log.RetriesExhausted(_context.Logger, eventType, outcome.Failure);
        }
        else
        {
            _context.Diagnostics.Dropped(outcome.IsSessionGone ? DropReason.NoSession : DropReason.Rejected);
            _context.Diagnostics.Error($"The server refused a {eventType} event with {outcome.Status}.");
            Log.EventRejected(_context.Logger, eventType, outcome.Status, outcome.Problem ?? "");
        }
    }

    private async Task<HttpOutcome> SendAsync(string path, TrackedEvent trackedEvent, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            await WaitUntilOnlineAsync(cancellationToken).ConfigureAwait(false);
            var outcome = await _context.Api.PostAsync(path, trackedEvent.Json, cancellationToken).ConfigureAwait(false);
            _context.Probe.ReportRequestOutcome(outcome.ReachedServer);
            if (!outcome.IsTransient || retry >= _context.Options.MaxRetries)
            {
                return outcome;
            }

#pragma warning disable CA5394 // Jitter, not security.
            var jitter = _random.NextDouble();
#pragma warning restore CA5394
            var delay = RetryDelay.Compute(retry, outcome.RetryAfter, _context.Options.RetryBaseDelay, _context.Options.MaxRetryDelay, jitter);
            _context.Diagnostics.Retried();
            Log.RetryScheduled(_context.Logger, trackedEvent.EventType, delay, outcome.Failure, retry + 1);
            await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits while the probe says offline, until it reports a change or the backstop timer fires; then lets the request decide.</summary>
    private async Task WaitUntilOnlineAsync(CancellationToken cancellationToken)
    {
        var probe = _context.Probe;
        if (probe.IsOnline)
        {
            return;
        }

        var changed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, EventArgs e) => changed.TrySetResult(true);
        probe.ConnectivityChanged += OnChanged;
        try
        {
            if (!probe.IsOnline)
            {
                await Task.WhenAny(changed.Task, DelayAsync(_context.Options.OfflineRecheckInterval, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            probe.ConnectivityChanged -= OnChanged;
        }
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
#if NET
        Task.Delay(delay, _context.TimeProvider, cancellationToken);
#else
        _context.TimeProvider.Delay(delay, cancellationToken);
#endif
}
