using Microsoft.Extensions.Logging;

namespace Playtrail.Client.Tracking;

/// <summary>Timers, state checks and the single place events are built and written to the sink.</summary>
internal sealed partial class TrackerCore
{
    private void OnTimer(Action due)
    {
        try
        {
            lock (Gate)
            {
                if (Phase == SessionPhase.Active)
                {
                    due();
                }
            }
        }
#pragma warning disable CA1031 // A timer callback must never take down the host app.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.CallFailed(_logger, exception, "timer");
            _diagnostics.Error("A timer callback failed: " + exception.GetType().Name);
        }
    }

    private void PingDue() => Emit(EventNames.Ping);

    private void IdleDue()
    {
        Log.IdleSessionEnded(_logger, _options.IdleTimeout);
        Emit(EventNames.SessionEnd);
        StopTimers();
        DisposeSink();
        _adBreak = null;
        _ad = null;
        Phase = SessionPhase.IdleEnded;
    }

    private void SchedulePings()
    {
        var interval = _ad is null ? _options.MainPingInterval : _options.AdPingInterval;
        _pingTimer.Change(interval, interval);
    }

    private void StopTimers()
    {
        _pingTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _idleTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void DisposeSink()
    {
        var sink = _sink;
        _sink = null;
        sink?.Dispose();
    }

    private bool RequireActive(string call)
    {
        if (Phase == SessionPhase.Active)
        {
            return true;
        }

        Ignore(call, Phase switch
        {
            SessionPhase.None => "no session was started",
            SessionPhase.IdleEnded => "the session ended while idle; play resumes it",
            SessionPhase.Closed => "the session is closed",
            _ => "the tracker is disposed",
        });
        return false;
    }

    private void Ignore(string call, string reason) => Log.CallIgnored(_logger, call, reason);

    private void Emit(string eventType, EventParams? parameters = null, IReadOnlyDictionary<string, string>? customMetadata = null, bool forceQoe = false, EventParams? qoeOverride = null)
    {
        var qoe = qoeOverride ?? (forceQoe || _qoeChanged ? QoeParams(_qoe) : null);
        _qoeChanged = false;
        var shortened = StringLimit.Apply(parameters, _options.MaxStringLength) + StringLimit.Apply(qoe, _options.MaxStringLength);
        customMetadata = StringLimit.Apply(customMetadata, _options.MaxStringLength, out var shortenedMetadata);
        shortened += shortenedMetadata;
        if (shortened > 0)
        {
            _diagnostics.Truncated(shortened);
            Log.ValuesTruncated(_logger, shortened, eventType, _options.MaxStringLength);
        }

        var ts = _clock.Next();
        var json = EventJson.Write(eventType, _playhead, ts, parameters, customMetadata, qoe);
        _diagnostics.Emitted();
        if (_sink is null)
        {
            _diagnostics.Dropped(DropReason.NoSink);
            return;
        }

        try
        {
            _sink.Write(new TrackedEvent(eventType, ts, _playhead, json));
        }
#pragma warning disable CA1031 // The sink's contract is not to throw; if it does, the host app still must not see it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.SinkFailed(_logger, exception, eventType);
            _diagnostics.Error("The session sink failed: " + exception.GetType().Name);
        }
    }
}
