using System.Text.Json;
using Playtrail.Core.Processing;
using Playtrail.Core.Processing.Timeline;
using Playtrail.Testing;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing.Timeline;

/// <summary>The timeline's JSON, as <c>docs/reporting.md</c> ("Session timeline") documents it.</summary>
public sealed class SessionTimelineJsonTests
{
    private const long E = TimelineExamples.StartTs;

    [Fact]
    public void Examples_AreWrittenWithEveryDocumentedKey_TimesInEpochMillisecondsAndSecondsAsNumbers()
    {
        var timeline = SessionTimeline.Build(
            SessionEvents.FromDownloaded(TimelineExamples.AsDownloadedArray()),
            new SessionContext(SessionEvents.SessionId, Downloaded: true, SessionCloseKind.EndOfArray));

        using var json = JsonDocument.Parse(SessionTimelineJson.ToUtf8Bytes(timeline));

        var root = json.RootElement;
        Assert.Equal(
            ["sessionId", "downloaded", "close", "firstTs", "lastTs", "media", "totals", "states", "adBreaks", "ads", "chapters", "playerStates",
                "bitrate", "errors", "playhead", "events"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(SessionEvents.SessionId, root.GetProperty("sessionId").GetString());
        Assert.Equal("complete", root.GetProperty("close").GetString());
        Assert.Equal(E, root.GetProperty("firstTs").GetInt64());
        Assert.Equal(E + 67_000, root.GetProperty("lastTs").GetInt64());
        Assert.Equal("""{"id":"vod-timeline-1","name":"Timeline One","length":45}""", root.GetProperty("media").GetRawText());
        Assert.Equal("""{"timePlayed":10.998,"totalTimePlayed":28.995,"pauseTime":35,"bufferTime":3,"stallTime":0,"stallCount":0}""",
            root.GetProperty("totals").GetRawText());

        Assert.Equal(
            $$"""{"start":{{E + 18_002}},"end":{{E + 29_000}},"startPlayhead":0,"endPlayhead":11,"state":"playing","inBreak":false,"inAd":false}""",
            root.GetProperty("states")[7].GetRawText());
        Assert.Equal(["starting", "starting", "playing", "playing", "playing", "playing", "starting", "playing", "buffering", "paused"],
            root.GetProperty("states").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
        Assert.Equal(
            $$"""{"start":{{E + 1}},"end":{{E + 18_001}},"open":false,"podIndex":0,"podSecond":0,"name":"ad_pod1"}""",
            root.GetProperty("adBreaks")[0].GetRawText());
        Assert.Equal(
            $$"""{"start":{{E + 15_001}},"end":{{E + 18_000}},"open":false,"adId":"002","name":null,"podIndex":0,"podPosition":2,"length":7,"complete":false,"skipped":true,"timePlayed":2.999}""",
            root.GetProperty("ads")[1].GetRawText());
        Assert.Equal(
            $$"""{"start":{{E + 18_003}},"end":{{E + 42_000}},"open":false,"index":1,"name":"Opening","offset":0,"length":20,"complete":true,"skipped":false,"timePlayed":10.997}""",
            root.GetProperty("chapters")[0].GetRawText());
        Assert.Equal($$"""{"name":"pictureinpicture","start":{{E + 43_000}},"end":{{E + 67_000}},"open":true}""", root.GetProperty("playerStates")[2].GetRawText());
        Assert.Equal($$"""[{"ts":{{E + 23_000}},"value":10000}]""", root.GetProperty("bitrate").GetRawText());
        Assert.Equal($$"""{"ts":{{E + 33_000}},"playhead":11,"errorId":null,"source":null}""", root.GetProperty("errors")[0].GetRawText());
        Assert.Equal($$"""{"ts":{{E + 20_000}},"playhead":2}""", root.GetProperty("playhead")[10].GetRawText());
        Assert.Equal($$"""{"index":23,"ts":{{E + 67_001}},"type":"sessionEnd","playhead":45,"ignored":["afterClose"]}""", root.GetProperty("events")[23].GetRawText());
        Assert.Equal($$"""{"index":0,"ts":{{E}},"type":"sessionStart","playhead":0,"ignored":[]}""", root.GetProperty("events")[0].GetRawText());
    }

    [Fact]
    public void SessionWithoutSessionStart_HasNoTimes_AndListsItsDroppedEvents()
    {
        var timeline = SessionTimeline.Build(
            SessionEvents.FromArrayElements(SessionStart(T0), Simple("play", 0, T0 + 1000))[1..],
            new SessionContext(SessionEvents.SessionId, Downloaded: true, SessionCloseKind.EndOfArray));

        using var json = JsonDocument.Parse(SessionTimelineJson.ToUtf8Bytes(timeline));

        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("firstTs").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("lastTs").ValueKind);
        Assert.Equal("[]", root.GetProperty("states").GetRawText());
        Assert.Equal("[]", root.GetProperty("playhead").GetRawText());
        Assert.Equal($$"""[{"index":0,"ts":{{T0 + 1000}},"type":"play","playhead":0,"ignored":["beforeSessionStart"]}]""", root.GetProperty("events").GetRawText());
    }
}
