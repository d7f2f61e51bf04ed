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
        _customMetadata = SessionStartParams.CleanCustomMetadata(customMetadata, _options.MaxStringLength, _logger);
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
}
