using Microsoft.Extensions.Logging;

namespace Playtrail.Client.Tracking;

/// <summary>
/// The tracker's state machine: turns player calls into the API's events, runs the ping and idle timers, and writes
/// every event to the session's sink. Callers hold <see cref="Gate"/>; the timers take it themselves.
/// </summary>
internal sealed partial class TrackerCore : IDisposable
{
    private readonly PlaytrailClientOptions _options;
    private readonly ILogger _logger;
    private readonly ClientDiagnostics _diagnostics;
    private readonly Func<ISessionSink?> _sinkFactory;
    private readonly bool _downloaded;
    private readonly EventClock _clock;
    private readonly ITimer _pingTimer;
    private readonly ITimer _idleTimer;
    private ISessionSink? _sink;
    private MediaInfo? _media;
    private IReadOnlyDictionary<string, string>? _customMetadata;
    private PlaybackState _playback;
    private PlaybackState _beforeInterruption;
    private double _playhead;

    public TrackerCore(
        PlaytrailClientOptions options, TimeProvider timeProvider, ILogger logger, ClientDiagnostics diagnostics, Func<ISessionSink?> sinkFactory, bool downloaded)
    {
        _options = options;
        _logger = logger;
        _diagnostics = diagnostics;
        _sinkFactory = sinkFactory;
        _downloaded = downloaded;
        _clock = new EventClock(timeProvider);
        _pingTimer = timeProvider.CreateTimer(_ => OnTimer(PingDue), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _idleTimer = timeProvider.CreateTimer(_ => OnTimer(IdleDue), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public object Gate { get; } = new();

    public SessionPhase Phase { get; private set; }

    public void SessionStart(MediaInfo media, IReadOnlyDictionary<string, string>? customMetadata)
    {
        if (Phase == SessionPhase.Disposed)
        {
            Ignore(nameof(SessionStart), "the tracker is disposed");
            return;
        }

        if (Phase == SessionPhase.Active)
        {
            Ignore(nameof(SessionStart) + " (open session)", "a session was still open; it is ended first");
            Close(EventNames.SessionEnd);
        }

        _media = media;
        _customMetadata = SessionStartParams.CleanCustomMetadata(customMetadata, _logger);
        ClearContent();
        ClearStates();
        Open(resume: false);
    }

    public void Play()
    {
        if (Phase == SessionPhase.IdleEnded)
        {
            Open(resume: true);
            RestoreContext();
        }

        if (!RequireActive(nameof(Play)) || _playback == PlaybackState.Playing)
        {
            return;
        }

        SetPlaying();
    }

    public void Pause()
    {
        if (!RequireActive(nameof(Pause)) || _playback == PlaybackState.Paused)
        {
            return;
        }

        if (_playback is PlaybackState.Buffering or PlaybackState.Seeking)
        {
            Ignore(nameof(Pause), "the player is buffering or seeking");
            return;
        }

        Emit(EventNames.PauseStart);
        Interrupt(PlaybackState.Paused);
    }

    public void BufferStart()
    {
        if (!RequireActive(nameof(BufferStart)) || _playback is PlaybackState.Buffering)
        {
            return;
        }

        if (_playback is PlaybackState.Seeking)
        {
            Ignore(nameof(BufferStart), "the player is seeking");
            return;
        }

        _beforeInterruption = _playback;
        Emit(EventNames.BufferStart);
        Interrupt(PlaybackState.Buffering);
    }

    public void BufferComplete() => EndInterruption(PlaybackState.Buffering, nameof(BufferComplete));

    public void SeekStart()
    {
        if (!RequireActive(nameof(SeekStart)) || _playback is PlaybackState.Seeking)
        {
            return;
        }

        _beforeInterruption = _playback == PlaybackState.Buffering ? _beforeInterruption : _playback;
        if (_playback != PlaybackState.Paused)
        {
            Emit(EventNames.PauseStart);
        }

        Interrupt(PlaybackState.Seeking);
    }

    public void SeekComplete() => EndInterruption(PlaybackState.Seeking, nameof(SeekComplete));

    public void Complete()
    {
        if (RequireActive(nameof(Complete)))
        {
            Close(EventNames.SessionComplete);
        }
    }

    public void SessionEnd()
    {
        if (Phase == SessionPhase.Active)
        {
            Close(EventNames.SessionEnd);
        }
        else if (Phase == SessionPhase.IdleEnded)
        {
            // Already ended on the server's side by the idle timeout; only forget the resume.
            Phase = SessionPhase.Closed;
        }
    }

    public void Error(string errorId, string source)
    {
        if (!RequireActive(nameof(Error)))
        {
            return;
        }

        if (string.IsNullOrEmpty(errorId) || (source != "player" && source != "external"))
        {
            Ignore(nameof(Error), "the error id must not be empty and the source must be 'player' or 'external'");
            return;
        }

        var qoe = QoeParams(_qoe).Add("media.qoe.errorID", errorId).Add("media.qoe.errorSource", source);
        Emit(EventNames.Error, qoeOverride: qoe);
    }

    public void UpdatePlayhead(double seconds)
    {
        // During an ad the API wants the main-content position, which the ad player's clock is not.
        if (seconds >= 0 && !double.IsInfinity(seconds) && _ad is null)
        {
            _playhead = seconds;
        }
    }

    public void Dispose()
    {
        lock (Gate)
        {
            if (Phase == SessionPhase.Active)
            {
                Close(EventNames.SessionEnd);
            }

            Phase = SessionPhase.Disposed;
            _pingTimer.Dispose();
            _idleTimer.Dispose();
        }
    }

    private void Open(bool resume)
    {
        _sink = _sinkFactory();
        Phase = SessionPhase.Active;
        _playback = PlaybackState.Starting;
        var parameters = SessionStartParams.Build(_options, _media!, resume, _downloaded, _logger);
        Emit(EventNames.SessionStart, parameters, _customMetadata, forceQoe: _qoe is not null);
        SchedulePings();
        _idleTimer.Change(_options.IdleTimeout, Timeout.InfiniteTimeSpan);
    }

    private void Close(string eventType)
    {
        Emit(eventType);
        StopTimers();
        DisposeSink();
        Phase = SessionPhase.Closed;
    }

    private void SetPlaying()
    {
        Emit(EventNames.Play);
        _playback = PlaybackState.Playing;
        _idleTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void Interrupt(PlaybackState state)
    {
        if (_playback == PlaybackState.Playing)
        {
            // The idle clock starts when playback stops, not at every further interruption.
            _idleTimer.Change(_options.IdleTimeout, Timeout.InfiniteTimeSpan);
        }

        _playback = state;
    }

    private void EndInterruption(PlaybackState state, string call)
    {
        if (!RequireActive(call) || _playback != state)
        {
            return;
        }

        if (_beforeInterruption == PlaybackState.Playing)
        {
            SetPlaying();
        }
        else
        {
            // The API ends a pause or buffer only with play; a paused player stays paused after a seek.
            _playback = _beforeInterruption == PlaybackState.Starting ? PlaybackState.Starting : PlaybackState.Paused;
        }
    }

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
