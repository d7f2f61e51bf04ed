using System.Text.Json.Nodes;

namespace Playtrail.Core.Tests.Processing;

/// <summary>Valid event JSON in the shapes of <see cref="Playtrail.Testing.TimelineExamples"/>, with the values a test chooses.</summary>
internal static class TestEvents
{
    /// <summary>The first <c>ts</c> of the hand-built sessions; event times are written as <c>T0 + milliseconds</c>.</summary>
    public const long T0 = 1_700_000_000_000;

    public const string MediaId = "vod-timeline";

    public static string SessionStart(long ts, double length = 45, string mediaId = MediaId, string? extraParams = null,
        string customMetadata = """{"cms.section": "films"}""", string? qoeData = """{"media.qoe.timeToStart": 1200}""")
    {
        var parameters = new JsonObject
        {
            ["analytics.trackingServer"] = "example.sc.omtrdc.net",
            ["analytics.reportSuite"] = "examplersid",
            ["visitor.marketingCloudOrgId"] = "0123456789ABCDEF@AdobeOrg",
            ["media.id"] = mediaId,
            ["media.name"] = "Timeline",
            ["media.length"] = length,
            ["media.contentType"] = "vod",
            ["media.streamType"] = "video",
            ["media.playerName"] = "sample-player",
            ["media.channel"] = "sample-app",
        };
        if (extraParams is not null)
        {
            foreach (var (key, value) in JsonNode.Parse("{" + extraParams + "}")!.AsObject())
            {
                parameters[key] = value?.DeepClone();
            }
        }

        return Event("sessionStart", 0, ts, parameters, qoeData, customMetadata);
    }

    /// <summary>An event without params (play, ping, pauseStart, bufferStart, adComplete, ...), optionally with qoeData.</summary>
    public static string Simple(string eventType, double playhead, long ts, string? qoeData = null) => Event(eventType, playhead, ts, qoeData: qoeData);

    public static string AdBreakStart(double playhead, long ts, long podIndex, double podSecond, string? friendlyName = null)
    {
        var parameters = new JsonObject { ["media.ad.podIndex"] = podIndex, ["media.ad.podSecond"] = podSecond };
        if (friendlyName is not null)
        {
            parameters["media.ad.podFriendlyName"] = friendlyName;
        }

        return Event("adBreakStart", playhead, ts, parameters);
    }

    public static string AdStart(double playhead, long ts, string id, double length, long podPosition, string? customMetadata = null,
        string? name = null, string? advertiser = null)
    {
        var parameters = new JsonObject
        {
            ["media.ad.id"] = id,
            ["media.ad.length"] = length,
            ["media.ad.podPosition"] = podPosition,
            ["media.ad.playerName"] = "sample-player",
        };
        if (name is not null)
        {
            parameters["media.ad.name"] = name;
        }

        if (advertiser is not null)
        {
            parameters["media.ad.advertiser"] = advertiser;
        }

        return Event("adStart", playhead, ts, parameters, customMetadata: customMetadata);
    }

    public static string ChapterStart(double playhead, long ts, long index, double offset, double length, string? friendlyName = null,
        string? customMetadata = null)
    {
        var parameters = new JsonObject { ["media.chapter.index"] = index, ["media.chapter.offset"] = offset, ["media.chapter.length"] = length };
        if (friendlyName is not null)
        {
            parameters["media.chapter.friendlyName"] = friendlyName;
        }

        return Event("chapterStart", playhead, ts, parameters, customMetadata: customMetadata);
    }

    /// <summary>A <c>stateStart</c> or <c>stateEnd</c>.</summary>
    public static string State(string eventType, double playhead, long ts, string name) =>
        Event(eventType, playhead, ts, new JsonObject { ["media.state.name"] = name });

    public static string StatesUpdate(double playhead, long ts, string[] ends, string[] starts)
    {
        static JsonArray List(string[] names) => [.. names.Select(name => (JsonNode)new JsonObject { ["media.state.name"] = name })];
        var parameters = new JsonObject();
        if (ends.Length > 0)
        {
            parameters["statesEnd"] = List(ends);
        }

        if (starts.Length > 0)
        {
            parameters["statesStart"] = List(starts);
        }

        return Event("statesUpdate", playhead, ts, parameters);
    }

    /// <summary>An error identified in qoeData (the SDK form), in params (the 2026 form), or not at all (timeline 2).</summary>
    public static string Error(double playhead, long ts, string? id = null, string? source = null, bool inParams = false)
    {
        if (id is null)
        {
            return Simple("error", playhead, ts);
        }

        var values = new JsonObject { [inParams ? "media.errorId" : "media.qoe.errorID"] = id };
        if (source is not null)
        {
            values[inParams ? "media.errorSource" : "media.qoe.errorSource"] = source;
        }

        return inParams ? Event("error", playhead, ts, values) : Event("error", playhead, ts, qoeData: values.ToJsonString());
    }

    public static string BitrateChange(double playhead, long ts, double bitrate) =>
        Simple("bitrateChange", playhead, ts, new JsonObject { ["media.qoe.bitrate"] = bitrate }.ToJsonString());

    private static string Event(string eventType, double playhead, long ts, JsonObject? parameters = null, string? qoeData = null, string? customMetadata = null)
    {
        var json = new JsonObject
        {
            ["eventType"] = eventType,
            ["playerTime"] = new JsonObject { ["playhead"] = playhead, ["ts"] = ts },
        };
        if (parameters is not null)
        {
            json["params"] = parameters;
        }

        if (qoeData is not null)
        {
            json["qoeData"] = JsonNode.Parse(qoeData);
        }

        if (customMetadata is not null)
        {
            json["customMetadata"] = JsonNode.Parse(customMetadata);
        }

        return json.ToJsonString();
    }
}
