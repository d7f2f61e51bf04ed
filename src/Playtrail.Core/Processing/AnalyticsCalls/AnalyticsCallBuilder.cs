namespace Playtrail.Core.Processing;

/// <summary>
/// Builds a session's analytics calls (docs/decisions/0016-analytics-calls.md;
/// docs/reference/media-collection-api.md#analytics-calls) from its report and the calls recorded while processing: the
/// start call, each ad start, each ad and chapter close where it happened, and the main close last. Every call carries
/// the content metadata, <c>a.media.vsid</c>, <c>a.media.downloaded</c> for a downloaded session, and the custom
/// metadata (merged with the ad's or chapter's on their calls); the call's own keys come after and win. An open session
/// has made only its start and ad start calls.
/// </summary>
internal static class AnalyticsCallBuilder
{
    public static List<AnalyticsCall> Build(SessionReport report, IReadOnlyList<CallEntry> entries)
    {
        // Without a sessionStart nothing was started, so nothing is closed either.
        var closed = report.Close != SessionCloseKind.Open && report.Metrics.View;
        var closeTs = TsOf(report, report.LastEventTs);
        var calls = new List<AnalyticsCall>(entries.Count + 1);
        foreach (var entry in entries)
        {
            switch (entry.Type)
            {
                case AnalyticsCallTypes.Start:
                    calls.Add(new(entry.Type, TsOf(report, report.FirstEventTs),
                        Content(report, report.Media.CustomMetadata).Set("a.media.view", ContextValue.Of(true)).Pairs));
                    break;
                case AnalyticsCallTypes.AdStart:
                    var started = report.Ads[entry.Item];
                    calls.Add(new(entry.Type, TsOf(report, entry.Ts), Ad(report, started).Set("a.media.ad.view", ContextValue.Of(true)).Pairs));
                    break;
                case AnalyticsCallTypes.AdClose when closed:
                    var ad = report.Ads[entry.Item];
                    calls.Add(new(entry.Type, closeTs, Ad(report, ad)
                        .Flag("a.media.ad.complete", ad.Complete)
                        .Set("a.media.ad.timePlayed", ad.TimePlayed).Pairs));
                    break;
                case AnalyticsCallTypes.ChapterClose when closed:
                    calls.Add(new(entry.Type, closeTs, Chapter(report, report.Chapters[entry.Item]).Pairs));
                    break;
            }
        }

        if (closed)
        {
            calls.Add(new(AnalyticsCallTypes.Close, closeTs, MainClose(report).Pairs));
        }

        return calls;
    }

    private static long? TsOf(SessionReport report, long ts) => report.Downloaded ? ts : null;

    private static ContextData Content(SessionReport report, IReadOnlyList<KeyValuePair<string, string>> customMetadata)
    {
        var media = report.Media;
        var data = new ContextData()
            .Set("a.media.name", media.Id)
            .Set("a.media.friendlyName", media.Name)
            .Set("a.media.length", media.Length)
            .Set("a.contentType", media.ContentType)
            .Set("a.media.playerName", media.PlayerName)
            .Set("a.media.channel", media.Channel)
            .Set("a.media.streamType", media.StreamType)
            .Set("a.media.sdkVersion", media.SdkVersion)
            .Set("a.media.vhlVersion", media.LibraryVersion);
        foreach (var pair in media.Metadata)
        {
            if (StandardMetadata.ContextKeyOf(pair.Key) is { } key)
            {
                data.Set(key, pair.Value);
            }
        }

        return data
            .Set("a.media.vsid", report.SessionId)
            .Flag("a.media.downloaded", report.Downloaded)
            .SetAll(customMetadata);
    }

    private static ContextData Ad(SessionReport report, AdMetrics ad) =>
        Content(report, ad.CustomMetadata)
            .Set("a.media.ad.name", ad.Id)
            .Set("a.media.ad.friendlyName", ad.Name)
            .Set("a.media.ad.length", ad.Length)
            .Set("a.media.ad.podPosition", ad.PodPosition)
            .Set("a.media.ad.playerName", ad.PlayerName)
            .Set("a.media.ad.advertiser", ad.Advertiser)
            .Set("a.media.ad.campaign", ad.CampaignId)
            .Set("a.media.ad.creative", ad.CreativeId)
            .Set("a.media.ad.site", ad.SiteId)
            .Set("a.media.ad.creativeURL", ad.CreativeUrl)
            .Set("a.media.ad.placement", ad.PlacementId)
            .Set("a.media.ad.pod", ad.Pod)
            .Set("a.media.ad.podFriendlyName", ad.PodFriendlyName)
            .Set("a.media.ad.podSecond", ad.PodSecond);

    private static ContextData Chapter(SessionReport report, ChapterMetrics chapter) =>
        Content(report, chapter.CustomMetadata)
            .Set("a.media.chapter.name", chapter.Id)
            .Set("a.media.chapter.friendlyName", chapter.FriendlyName)
            .Set("a.media.chapter.position", chapter.Index)
            .Set("a.media.chapter.offset", chapter.Offset)
            .Set("a.media.chapter.length", chapter.Length)
            .Set("a.media.chapter.view", ContextValue.Of(true))
            .Flag("a.media.chapter.complete", chapter.Complete)
            .Set("a.media.chapter.timePlayed", chapter.TimePlayed);

    private static ContextData MainClose(SessionReport report)
    {
        var metrics = report.Metrics;
        var qoe = report.Qoe;
        var data = Content(report, report.Media.CustomMetadata)
            .Flag("a.media.play", metrics.Play)
            .Flag("a.media.complete", metrics.Complete)
            .Set("a.media.timePlayed", metrics.TimePlayed)
            .Set("a.media.totalTimePlayed", metrics.TotalTimePlayed)
            .Set("a.media.uniqueTimePlayed", metrics.UniqueTimePlayed)
            .Flag("a.media.progress10", metrics.Progress10)
            .Flag("a.media.progress25", metrics.Progress25)
            .Flag("a.media.progress50", metrics.Progress50)
            .Flag("a.media.progress75", metrics.Progress75)
            .Flag("a.media.progress95", metrics.Progress95)
            .Set("a.media.averageMinuteAudience", metrics.AverageMinuteAudience)
            .Set("a.media.estimatedStreams", metrics.EstimatedStreams)
            .Set("a.media.segment", metrics.Segment)
            .Flag("a.media.segmentView", metrics.SegmentView)
            .Flag("a.media.pause", metrics.Pause)
            .Set("a.media.pauseCount", metrics.PauseCount)
            .Set("a.media.pauseTime", metrics.PauseTime)
            .Flag("a.media.resume", metrics.Resume)
            .Set("a.media.adCount", metrics.AdCount)
            .Set("a.media.chapterCount", metrics.ChapterCount)
            .Set("a.media.secondsSinceLastCall", metrics.SecondsSinceLastCall)
            .Set("a.media.qoe.dropBeforeStart", metrics.DropBeforeStart > 0 ? metrics.DropBeforeStart : null)
            .Set("a.media.qoe.timeToStart", qoe.TimeToStart)
            .Set("a.media.qoe.bitrateAverage", qoe.BitrateAverage)
            .Set("a.media.qoe.bitrateAverageBucket", qoe.BitrateAverageBucket)
            .Set("a.media.qoe.bitrateChangeCount", qoe.BitrateChangeCount)
            .Flag("a.media.qoe.bitrateChange", qoe.BitrateChange)
            .Set("a.media.qoe.bufferCount", qoe.BufferCount)
            .Set("a.media.qoe.bufferTime", qoe.BufferTime)
            .Flag("a.media.qoe.buffer", qoe.Buffer)
            .Set("a.media.qoe.droppedFrameCount", qoe.DroppedFrameCount)
            .Flag("a.media.qoe.droppedFrames", qoe.DroppedFrames)
            .Set("a.media.qoe.errorCount", qoe.ErrorCount)
            .Flag("a.media.qoe.error", qoe.Error)
            .Set("a.media.qoe.playerSdkErrors", qoe.PlayerSdkErrors.Count > 0 ? string.Join(',', qoe.PlayerSdkErrors) : null)
            .Set("a.media.qoe.externalErrors", qoe.ExternalErrors.Count > 0 ? string.Join(',', qoe.ExternalErrors) : null)
            .Set("a.media.qoe.stallCount", qoe.StallCount)
            .Set("a.media.qoe.stallTime", qoe.StallTime)
            .Flag("a.media.qoe.stall", qoe.Stall)
            .Set("a.media.qoe.framesPerSecond", qoe.FramesPerSecond);
        foreach (var state in report.States)
        {
            var prefix = "a.media.states." + state.Name;
            data.Flag(prefix + ".set", state.Set)
                .Set(prefix + ".count", state.Count)
                .Set(prefix + ".time", state.Time);
        }

        return data;
    }
}
