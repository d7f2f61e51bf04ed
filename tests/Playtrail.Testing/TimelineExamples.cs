namespace Playtrail.Testing;

/// <summary>
/// One real JSON example of every event type of Adobe's documented timelines
/// (docs/reference/media-collection-api.md#timelines: VOD with pre-roll ads, buffering, pause, error, chapters, player
/// states), plus the three forms of <c>error</c> (docs/reference/media-collection-api.md#error-event). Every example is
/// valid; <c>ts</c> grows in declaration order, so <see cref="All"/> can be posted in order after
/// <see cref="SessionStart"/>. It is a sampler of forms, not a golden session.
/// </summary>
public static class TimelineExamples
{
    /// <summary>The <c>ts</c> of the session's first event.</summary>
    public const long StartTs = 1700000000000;

    /// <summary>An online <c>sessionStart</c> (no <c>media.downloaded</c>), as sent to <c>/api/v1/sessions</c>.</summary>
    public const string SessionStart = """
        {
          "eventType": "sessionStart",
          "playerTime": {"playhead": 0, "ts": 1700000000000},
          "params": {
            "analytics.trackingServer": "example.sc.omtrdc.net",
            "analytics.reportSuite": "examplersid",
            "analytics.enableSSL": true,
            "visitor.marketingCloudOrgId": "0123456789ABCDEF@AdobeOrg",
            "visitor.marketingCloudUserId": "12345678901234567890123456789012345678",
            "media.id": "vod-timeline-1",
            "media.name": "Timeline One",
            "media.length": 45,
            "media.contentType": "vod",
            "media.streamType": "video",
            "media.playerName": "sample-player",
            "media.channel": "sample-app",
            "media.show": "Examples",
            "media.season": "1",
            "media.episode": "1"
          },
          "customMetadata": {"cms.section": "films", "myCustomKey": "value"},
          "qoeData": {"media.qoe.timeToStart": 1200}
        }
        """;

    /// <summary>The pre-roll break: <c>adBreakStart</c> {podFriendlyName, podIndex, podSecond}.</summary>
    public const string AdBreakStart = """
        {
          "eventType": "adBreakStart",
          "playerTime": {"playhead": 0, "ts": 1700000000001},
          "params": {"media.ad.podFriendlyName": "ad_pod1", "media.ad.podIndex": 0, "media.ad.podSecond": 0}
        }
        """;

    /// <summary>A 15 s ad with every ad parameter, its pod name repeated as the timelines do, and custom metadata.</summary>
    public const string AdStart = """
        {
          "eventType": "adStart",
          "playerTime": {"playhead": 0, "ts": 1700000000002},
          "params": {
            "media.ad.podFriendlyName": "ad_pod1",
            "media.ad.id": "001",
            "media.ad.length": 15,
            "media.ad.podPosition": 1,
            "media.ad.playerName": "sample-player",
            "media.ad.name": "Sample ad",
            "media.ad.advertiser": "Sample advertiser",
            "media.ad.campaignId": "campaign-1",
            "media.ad.creativeId": "creative-1",
            "media.ad.siteId": "site-1",
            "media.ad.creativeURL": "https://ads.example/creative-1",
            "media.ad.placementId": "placement-1"
          },
          "customMetadata": {"myCustomKey3": "ad metadata", "campaign.region": "emea"}
        }
        """;

    /// <summary>An ad ping (every second in the timelines' ads).</summary>
    public const string Ping = """
        {"eventType": "ping", "playerTime": {"playhead": 0, "ts": 1700000001000}}
        """;

    /// <summary>The first ad played to its end.</summary>
    public const string AdComplete = """
        {"eventType": "adComplete", "playerTime": {"playhead": 0, "ts": 1700000015000}}
        """;

    /// <summary>The second pre-roll ad (7 s, position 2).</summary>
    public const string SecondAdStart = """
        {
          "eventType": "adStart",
          "playerTime": {"playhead": 0, "ts": 1700000015001},
          "params": {
            "media.ad.podFriendlyName": "ad_pod1",
            "media.ad.id": "002",
            "media.ad.length": 7,
            "media.ad.podPosition": 2,
            "media.ad.playerName": "sample-player"
          }
        }
        """;

    /// <summary>The second ad was skipped.</summary>
    public const string AdSkipped = """
        {"eventType": "adSkip", "playerTime": {"playhead": 0, "ts": 1700000018000}}
        """;

    /// <summary>The pre-roll break closes.</summary>
    public const string AdBreakComplete = """
        {"eventType": "adBreakComplete", "playerTime": {"playhead": 0, "ts": 1700000018001}}
        """;

    /// <summary>Main content starts playing.</summary>
    public const string Play = """
        {"eventType": "play", "playerTime": {"playhead": 0, "ts": 1700000018002}}
        """;

    /// <summary>Chapter 1 (timeline 3): {index, offset, length, friendlyName}.</summary>
    public const string ChapterStart = """
        {
          "eventType": "chapterStart",
          "playerTime": {"playhead": 0, "ts": 1700000018003},
          "params": {
            "media.chapter.index": 1,
            "media.chapter.offset": 0,
            "media.chapter.length": 20,
            "media.chapter.friendlyName": "Opening"
          },
          "customMetadata": {"chapter.topic": "intro"}
        }
        """;

    /// <summary>The viewer goes fullscreen.</summary>
    public const string StateStart = """
        {"eventType": "stateStart", "playerTime": {"playhead": 2, "ts": 1700000020000}, "params": {"media.state.name": "fullscreen"}}
        """;

    /// <summary>The bitrate changed; the new value in <c>qoeData</c>.</summary>
    public const string BitrateChange = """
        {"eventType": "bitrateChange", "playerTime": {"playhead": 5, "ts": 1700000023000}, "qoeData": {"media.qoe.bitrate": 10000}}
        """;

    /// <summary>Buffering began.</summary>
    public const string BufferStart = """
        {"eventType": "bufferStart", "playerTime": {"playhead": 11, "ts": 1700000029000}}
        """;

    /// <summary>The viewer paused.</summary>
    public const string PauseStart = """
        {"eventType": "pauseStart", "playerTime": {"playhead": 11, "ts": 1700000032000}}
        """;

    /// <summary>An error with no parameters (timeline 2).</summary>
    public const string Error = """
        {"eventType": "error", "playerTime": {"playhead": 11, "ts": 1700000033000}}
        """;

    /// <summary>An error identified in <c>qoeData</c>, as Adobe's SDKs send it.</summary>
    public const string ErrorWithQoeData = """
        {
          "eventType": "error",
          "playerTime": {"playhead": 11, "ts": 1700000033001},
          "qoeData": {"media.qoe.errorID": "network-timeout", "media.qoe.errorSource": "player", "media.qoe.bitrate": 10000}
        }
        """;

    /// <summary>An error identified in <c>params</c>, as the 2026 event page shows it.</summary>
    public const string ErrorWithParams = """
        {
          "eventType": "error",
          "playerTime": {"playhead": 11, "ts": 1700000033002},
          "params": {"media.errorId": "cdn-403", "media.errorSource": "external"}
        }
        """;

    /// <summary>Chapter 1 reached its end.</summary>
    public const string ChapterComplete = """
        {"eventType": "chapterComplete", "playerTime": {"playhead": 20, "ts": 1700000042000}}
        """;

    /// <summary>Fullscreen ends; mute and picture-in-picture start.</summary>
    public const string StatesUpdate = """
        {
          "eventType": "statesUpdate",
          "playerTime": {"playhead": 21, "ts": 1700000043000},
          "params": {
            "statesEnd": [{"media.state.name": "fullscreen"}],
            "statesStart": [{"media.state.name": "mute"}, {"media.state.name": "pictureInPicture"}]
          }
        }
        """;

    /// <summary>Mute ends.</summary>
    public const string StateEnd = """
        {"eventType": "stateEnd", "playerTime": {"playhead": 22, "ts": 1700000044000}, "params": {"media.state.name": "mute"}}
        """;

    /// <summary>Chapter 2 (timeline 3), without a friendly name.</summary>
    public const string SecondChapterStart = """
        {
          "eventType": "chapterStart",
          "playerTime": {"playhead": 22, "ts": 1700000044001},
          "params": {"media.chapter.index": 2, "media.chapter.offset": 22, "media.chapter.length": 22}
        }
        """;

    /// <summary>The viewer skipped past the rest of chapter 2.</summary>
    public const string ChapterSkipped = """
        {"eventType": "chapterSkip", "playerTime": {"playhead": 30, "ts": 1700000052000}}
        """;

    /// <summary>The end of main content was reached.</summary>
    public const string SessionComplete = """
        {"eventType": "sessionComplete", "playerTime": {"playhead": 45, "ts": 1700000067000}}
        """;

    /// <summary>The client closes the session.</summary>
    public const string SessionEnd = """
        {"eventType": "sessionEnd", "playerTime": {"playhead": 45, "ts": 1700000067001}}
        """;

    /// <summary>Every example, named after its member, in declaration (and <c>ts</c>) order.</summary>
    public static IReadOnlyList<(string Name, string Json)> All { get; } =
    [
        (nameof(SessionStart), SessionStart),
        (nameof(AdBreakStart), AdBreakStart),
        (nameof(AdStart), AdStart),
        (nameof(Ping), Ping),
        (nameof(AdComplete), AdComplete),
        (nameof(SecondAdStart), SecondAdStart),
        (nameof(AdSkipped), AdSkipped),
        (nameof(AdBreakComplete), AdBreakComplete),
        (nameof(Play), Play),
        (nameof(ChapterStart), ChapterStart),
        (nameof(StateStart), StateStart),
        (nameof(BitrateChange), BitrateChange),
        (nameof(BufferStart), BufferStart),
        (nameof(PauseStart), PauseStart),
        (nameof(Error), Error),
        (nameof(ErrorWithQoeData), ErrorWithQoeData),
        (nameof(ErrorWithParams), ErrorWithParams),
        (nameof(ChapterComplete), ChapterComplete),
        (nameof(StatesUpdate), StatesUpdate),
        (nameof(StateEnd), StateEnd),
        (nameof(SecondChapterStart), SecondChapterStart),
        (nameof(ChapterSkipped), ChapterSkipped),
        (nameof(SessionComplete), SessionComplete),
        (nameof(SessionEnd), SessionEnd),
    ];

    /// <summary>The examples after <see cref="SessionStart"/>, as posted to a session's events route.</summary>
    public static IEnumerable<(string Name, string Json)> SessionEvents => All.Skip(1);

    /// <summary>Every example as one downloaded array (valid on <c>/api/v1/downloaded</c>, which needs no <c>media.downloaded</c>).</summary>
    public static string AsDownloadedArray() => "[" + string.Join(",\n", All.Select(example => example.Json)) + "]";
}
