namespace Playtrail.Client.Tracking;

/// <summary>Ads, chapters, player states and QoE: the context inside a session.</summary>
internal sealed partial class TrackerCore
{
    /// <summary>The API keeps at most 10 distinct player states per session.</summary>
    private const int MaxStates = 10;

    private readonly HashSet<string> _activeStates = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _knownStates = new(StringComparer.OrdinalIgnoreCase);
    private AdBreakInfo? _adBreak;
    private AdInfo? _ad;
    private ChapterInfo? _chapter;
    private IReadOnlyDictionary<string, string>? _chapterMetadata;
    private QoeInfo? _qoe;
    private bool _qoeChanged;

    public void AdBreakStart(AdBreakInfo adBreak)
    {
        if (!RequireActive(nameof(AdBreakStart)))
        {
            return;
        }

        if (_adBreak is not null)
        {
            AdBreakComplete();
        }

        _adBreak = adBreak;
        Emit(EventNames.AdBreakStart, new EventParams()
            .Add("media.ad.podIndex", adBreak.PodIndex)
            .Add("media.ad.podSecond", Math.Max(0, adBreak.PodSecond))
            .Add("media.ad.podFriendlyName", Text(adBreak.FriendlyName)));
    }

    public void AdBreakComplete()
    {
        if (!RequireActive(nameof(AdBreakComplete)) || !Require(_adBreak is not null, nameof(AdBreakComplete), "no ad break is open"))
        {
            return;
        }

        if (_ad is not null)
        {
            EndAd(EventNames.AdSkip);
        }

        Emit(EventNames.AdBreakComplete);
        _adBreak = null;
    }

    public void AdStart(AdInfo ad, IReadOnlyDictionary<string, string>? metadata)
    {
        if (!RequireActive(nameof(AdStart)) || !Require(_adBreak is not null, nameof(AdStart), "ads are tracked only inside an ad break"))
        {
            return;
        }

        if (_ad is not null)
        {
            EndAd(EventNames.AdSkip);
        }

        _ad = ad;
        Emit(EventNames.AdStart, new EventParams()
            .Add("media.ad.id", ad.Id)
            .Add("media.ad.length", ad.Length)
            .Add("media.ad.podPosition", ad.PodPosition)
            .Add("media.ad.playerName", _options.PlayerName)
            .Add("media.ad.name", Text(ad.Name))
            .Add("media.ad.advertiser", Text(ad.Advertiser))
            .Add("media.ad.campaignId", Text(ad.CampaignId))
            .Add("media.ad.creativeId", Text(ad.CreativeId))
            .Add("media.ad.creativeURL", Text(ad.CreativeUrl))
            .Add("media.ad.podFriendlyName", Text(_adBreak!.FriendlyName)),
            SessionStartParams.CleanCustomMetadata(metadata, _options.MaxStringLength, _logger));
        SchedulePings();
    }

    public void AdComplete() => EndAdCall(EventNames.AdComplete, nameof(AdComplete));

    public void AdSkip() => EndAdCall(EventNames.AdSkip, nameof(AdSkip));

    public void ChapterStart(ChapterInfo chapter, IReadOnlyDictionary<string, string>? metadata)
    {
        if (!RequireActive(nameof(ChapterStart)))
        {
            return;
        }

        if (_chapter is not null)
        {
            // As Adobe's SDKs do: chapters must not overlap, so an unfinished one counts as skipped.
            Emit(EventNames.ChapterSkip);
        }

        _chapter = chapter;
        _chapterMetadata = SessionStartParams.CleanCustomMetadata(metadata, _options.MaxStringLength, _logger);
        EmitChapterStart();
    }

    public void ChapterComplete() => EndChapter(EventNames.ChapterComplete, nameof(ChapterComplete));

    public void ChapterSkip() => EndChapter(EventNames.ChapterSkip, nameof(ChapterSkip));

    public void StateStart(string state)
    {
        if (!RequireActive(nameof(StateStart))
            || !Require(SessionStartParams.IsValidKey(state, 64), nameof(StateStart), "a state name holds 1 to 64 letters, digits, '_' or '.'")
            || !Require(!_activeStates.Contains(state), nameof(StateStart), "the state is already active")
            || !Require(_knownStates.Contains(state) || _knownStates.Count < MaxStates, nameof(StateStart), "a session tracks at most 10 states"))
        {
            return;
        }

        _activeStates.Add(state);
        _knownStates.Add(state);
        Emit(EventNames.StateStart, new EventParams().Add("media.state.name", state));
    }

    public void StateEnd(string state)
    {
        if (!RequireActive(nameof(StateEnd)) || !Require(_activeStates.Remove(state ?? ""), nameof(StateEnd), "the state is not active"))
        {
            return;
        }

        Emit(EventNames.StateEnd, new EventParams().Add("media.state.name", state));
    }

    public void UpdateQoe(QoeInfo qoe)
    {
        var previousBitrate = _qoe?.Bitrate;
        _qoe = qoe;
        _qoeChanged = true;
        if (Phase == SessionPhase.Active && previousBitrate is not null && qoe.Bitrate is not null && previousBitrate != qoe.Bitrate)
        {
            Emit(EventNames.BitrateChange, forceQoe: true);
        }
    }

    private static EventParams QoeParams(QoeInfo? qoe)
    {
        var values = new EventParams();
        if (qoe is null)
        {
            return values;
        }

        // The schema wants non-negative numbers; a negative reading is a player bug, not a value.
        return values
            .Add("media.qoe.bitrate", qoe.Bitrate >= 0 ? qoe.Bitrate : null)
            .Add("media.qoe.framesPerSecond", qoe.FramesPerSecond >= 0 && !double.IsInfinity(qoe.FramesPerSecond.Value) ? qoe.FramesPerSecond : null)
            .Add("media.qoe.droppedFrames", qoe.DroppedFrames >= 0 ? qoe.DroppedFrames : null)
            .Add("media.qoe.timeToStart", qoe.StartupTime >= TimeSpan.Zero ? (long)qoe.StartupTime.Value.TotalMilliseconds : null);
    }

    private static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private bool Require(bool condition, string call, string reason)
    {
        if (!condition)
        {
            Ignore(call, reason);
        }

        return condition;
    }

    private void EndAdCall(string eventType, string call)
    {
        if (RequireActive(call) && Require(_ad is not null, call, "no ad is playing"))
        {
            EndAd(eventType);
        }
    }

    private void EndAd(string eventType)
    {
        Emit(eventType);
        _ad = null;
        SchedulePings();
    }

    private void EndChapter(string eventType, string call)
    {
        if (RequireActive(call) && Require(_chapter is not null, call, "no chapter is open"))
        {
            Emit(eventType);
            _chapter = null;
            _chapterMetadata = null;
        }
    }

    private void EmitChapterStart()
    {
        var chapter = _chapter!;
        Emit(EventNames.ChapterStart, new EventParams()
            .Add("media.chapter.index", chapter.Index)
            .Add("media.chapter.offset", Math.Max(0, chapter.Offset))
            .Add("media.chapter.length", Math.Max(0, chapter.Length))
            .Add("media.chapter.friendlyName", Text(chapter.FriendlyName)),
            _chapterMetadata);
    }

    /// <summary>After a resume the server knows nothing of the old session: re-open the chapter and the active states.</summary>
    private void RestoreContext()
    {
        if (_chapter is not null)
        {
            EmitChapterStart();
        }

        _knownStates.Clear();
        foreach (var state in _activeStates)
        {
            _knownStates.Add(state);
            Emit(EventNames.StateStart, new EventParams().Add("media.state.name", state));
        }
    }

    private void ClearContent()
    {
        _adBreak = null;
        _ad = null;
        _chapter = null;
        _chapterMetadata = null;
    }

    private void ClearStates()
    {
        _activeStates.Clear();
        _knownStates.Clear();
    }
}
