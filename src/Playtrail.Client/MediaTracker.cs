using Microsoft.Extensions.Logging;
using Playtrail.Client.Tracking;

namespace Playtrail.Client;

/// <summary>
/// Tracks one player's sessions: call it from your player's callbacks and it emits the Media Collection API's
/// events, pings included. Thread-safe. Never throws: a call in the wrong state (play before a session started,
/// an ad outside an ad break) is ignored and logged, and failures go to the logger and <see cref="PlaytrailClient.Diagnostics"/>.
/// Create it with <see cref="PlaytrailClient.CreateTracker"/>; dispose it when the player goes away (an open session is ended).
/// </summary>
public sealed class MediaTracker : IDisposable
{
    private readonly TrackerCore _core;
    private readonly ILogger _logger;
    private readonly ClientDiagnostics _diagnostics;

    internal MediaTracker(TrackerCore core, ILogger logger, ClientDiagnostics diagnostics)
    {
        _core = core;
        _logger = logger;
        _diagnostics = diagnostics;
    }

    /// <summary>Opens a session for <paramref name="media"/> (the viewer's intent to play); an open session is ended first.</summary>
    /// <param name="media">The content.</param>
    /// <param name="customMetadata">Your own keys (letters, digits, '_' and '.') and text values for the whole session.</param>
    public void TrackSessionStart(MediaInfo media, IReadOnlyDictionary<string, string>? customMetadata = null) =>
        Run(nameof(TrackSessionStart), core =>
        {
            if (media is null || string.IsNullOrEmpty(media.Id) || string.IsNullOrEmpty(media.ContentType) || !(media.Length >= 0))
            {
                Log.CallIgnored(_logger, nameof(TrackSessionStart), "media needs an id, a content type and a length of 0 or more");
                return;
            }

            core.SessionStart(media, customMetadata);
        });

    /// <summary>Playback started or resumed (after a pause, buffering or an ad break). After an idle timeout it resumes the session.</summary>
    public void TrackPlay() => Run(nameof(TrackPlay), static core => core.Play());

    /// <summary>The viewer paused.</summary>
    public void TrackPause() => Run(nameof(TrackPause), static core => core.Pause());

    /// <summary>Buffering began.</summary>
    public void TrackBufferStart() => Run(nameof(TrackBufferStart), static core => core.BufferStart());

    /// <summary>Buffering ended: playback goes on if it was playing before.</summary>
    public void TrackBufferComplete() => Run(nameof(TrackBufferComplete), static core => core.BufferComplete());

    /// <summary>The viewer started seeking; reported as a pause, since the API has no seek events.</summary>
    public void TrackSeekStart() => Run(nameof(TrackSeekStart), static core => core.SeekStart());

    /// <summary>Seeking ended: playback goes on if it was playing before. Update the playhead first.</summary>
    public void TrackSeekComplete() => Run(nameof(TrackSeekComplete), static core => core.SeekComplete());

    /// <summary>The end of the main content was reached; the session is complete and closed.</summary>
    public void TrackComplete() => Run(nameof(TrackComplete), static core => core.Complete());

    /// <summary>The viewer left before the end; the session is closed.</summary>
    public void TrackSessionEnd() => Run(nameof(TrackSessionEnd), static core => core.SessionEnd());

    /// <summary>A playback error; the session stays open.</summary>
    /// <param name="errorId">Your error identifier.</param>
    /// <param name="source"><c>player</c> or <c>external</c>.</param>
    public void TrackError(string errorId, string source = "player") => Run(nameof(TrackError), core => core.Error(errorId, source));

    /// <summary>An ad break (pod) begins; an open break is completed first.</summary>
    public void TrackAdBreakStart(AdBreakInfo adBreak) =>
        Run(nameof(TrackAdBreakStart), core =>
        {
            if (adBreak is null)
            {
                Log.CallIgnored(_logger, nameof(TrackAdBreakStart), "no ad break info");
                return;
            }

            core.AdBreakStart(adBreak);
        });

    /// <summary>The ad break ended; an ad still playing is reported skipped. Call <see cref="TrackPlay"/> when content resumes.</summary>
    public void TrackAdBreakComplete() => Run(nameof(TrackAdBreakComplete), static core => core.AdBreakComplete());

    /// <summary>An ad begins inside the open ad break; pings go every ad ping interval until it ends.</summary>
    /// <param name="ad">The ad.</param>
    /// <param name="metadata">Your own keys and values for this ad.</param>
    public void TrackAdStart(AdInfo ad, IReadOnlyDictionary<string, string>? metadata = null) =>
        Run(nameof(TrackAdStart), core =>
        {
            if (ad is null || string.IsNullOrEmpty(ad.Id))
            {
                Log.CallIgnored(_logger, nameof(TrackAdStart), "an ad needs an id");
                return;
            }

            core.AdStart(ad, metadata);
        });

    /// <summary>The ad played to its end.</summary>
    public void TrackAdComplete() => Run(nameof(TrackAdComplete), static core => core.AdComplete());

    /// <summary>The ad was skipped.</summary>
    public void TrackAdSkip() => Run(nameof(TrackAdSkip), static core => core.AdSkip());

    /// <summary>A chapter begins; an unfinished chapter is reported skipped first.</summary>
    /// <param name="chapter">The chapter.</param>
    /// <param name="metadata">Your own keys and values for this chapter.</param>
    public void TrackChapterStart(ChapterInfo chapter, IReadOnlyDictionary<string, string>? metadata = null) =>
        Run(nameof(TrackChapterStart), core =>
        {
            if (chapter is null)
            {
                Log.CallIgnored(_logger, nameof(TrackChapterStart), "no chapter info");
                return;
            }

            core.ChapterStart(chapter, metadata);
        });

    /// <summary>The chapter reached its end.</summary>
    public void TrackChapterComplete() => Run(nameof(TrackChapterComplete), static core => core.ChapterComplete());

    /// <summary>The viewer skipped the rest of the chapter.</summary>
    public void TrackChapterSkip() => Run(nameof(TrackChapterSkip), static core => core.ChapterSkip());

    /// <summary>New quality readings, attached as <c>qoeData</c> to the next event; a bitrate change emits <c>bitrateChange</c>.</summary>
    public void UpdateQoe(QoeInfo qoe) =>
        Run(nameof(UpdateQoe), core =>
        {
            if (qoe is not null)
            {
                core.UpdateQoe(qoe);
            }
        });

    /// <summary>A player state began, e.g. <c>fullscreen</c>, <c>mute</c>, <c>closedCaptioning</c> (at most 10 per session).</summary>
    public void TrackStateStart(string state) => Run(nameof(TrackStateStart), core => core.StateStart(state));

    /// <summary>A player state ended.</summary>
    public void TrackStateEnd(string state) => Run(nameof(TrackStateEnd), core => core.StateEnd(state));

    /// <summary>The main-content position in seconds (seconds since midnight for live), used by every following event. Ignored during an ad.</summary>
    public void UpdatePlayhead(double seconds) => Run(nameof(UpdatePlayhead), core => core.UpdatePlayhead(seconds));

    /// <summary>Stops the timers and ends an open session.</summary>
    public void Dispose() => Run(nameof(Dispose), static core => core.Dispose());

    internal SessionPhase Phase
    {
        get
        {
            lock (_core.Gate)
            {
                return _core.Phase;
            }
        }
    }

    private void Run(string call, Action<TrackerCore> action)
    {
        try
        {
            lock (_core.Gate)
            {
                action(_core);
            }
        }
#pragma warning disable CA1031 // The SDK's promise: nothing it does throws into the host app.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.CallFailed(_logger, exception, call);
            _diagnostics.Error($"{call} failed: {exception.GetType().Name}");
        }
    }
}
