using System.Text.Json.Nodes;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Testing.Edge;

namespace Playtrail.Core.Tests.Edge;

public sealed class EdgeTranslatorTests
{
    public static TheoryData<int> CapturedSeqs() => [.. AlloyCapture.Requests.Select(request => request.Seq)];

    [Theory]
    [MemberData(nameof(CapturedSeqs))]
    public void EveryRequestAlloySent_TranslatesToAnEventTheValidatorAccepts(int seq)
    {
        var request = AlloyCapture.Seq(seq);

        var translation = EdgeTranslation.Of(request.Body, EdgeTranslation.TypeOfAction(request.Action));

        translation.AssertValid();
        Assert.Equal(EdgeTranslation.TypeOfAction(request.Action), translation.Event!.Type);
    }

    [Fact]
    public void AlloySessionStart_CarriesSessionDetailsQoeMetadataAndTheDatastream()
    {
        var translation = EdgeTranslation.Of(AlloyCapture.Seq(1).Body);

        translation.AssertValid();
        var mc = translation.Translated;
        Assert.Equal("sessionStart", (string?)mc["eventType"]);
        Assert.Equal(0, (double?)mc["playerTime"]!["playhead"]);
        Assert.Equal(1796397773589, (long?)mc["playerTime"]!["ts"]); // 2026-12-04T15:22:53.589Z
        var parameters = mc["params"]!;
        Assert.Equal("capture.sc.omtrdc.net", (string?)parameters["analytics.trackingServer"]);
        Assert.Equal("capturersid", (string?)parameters["analytics.reportSuite"]);
        Assert.Equal("0123456789ABCDEF01234567@AdobeOrg", (string?)parameters["visitor.marketingCloudOrgId"]);
        Assert.Equal("capture-video-1", (string?)parameters["media.id"]);
        Assert.Equal("Capture video one", (string?)parameters["media.name"]);
        Assert.Equal(120, (double?)parameters["media.length"]);
        Assert.Equal("VOD", (string?)parameters["media.contentType"]);
        Assert.Equal("video", (string?)parameters["media.streamType"]);
        Assert.Equal("playtrail-capture-player", (string?)parameters["media.playerName"]);
        Assert.Equal("playtrail-channel", (string?)parameters["media.channel"]);
        Assert.Equal("capture-1.0", (string?)parameters["media.sdkVersion"]);
        Assert.Equal("Capture Show", (string?)parameters["media.show"]);
        Assert.Equal("1", (string?)parameters["media.season"]);
        Assert.Equal("3", (string?)parameters["media.episode"]);
        Assert.Equal("Test", (string?)parameters["media.genre"]);
        Assert.False((bool?)parameters["media.resume"]);
        Assert.Equal(2000, (double?)mc["qoeData"]!["media.qoe.bitrate"]);
        Assert.Equal(30, (double?)mc["qoeData"]!["media.qoe.framesPerSecond"]);
        Assert.Equal(2, (double?)mc["qoeData"]!["media.qoe.timeToStart"]);
        Assert.Equal("spring", (string?)mc["customMetadata"]!["cm.campaign"]);
        Assert.Null(translation.Event!.SessionId);
    }

    [Fact]
    public void AlloyPlay_CarriesTheSessionIdOfItsBody_AndNoParams()
    {
        var translation = EdgeTranslation.Of(AlloyCapture.Seq(2).Body, EventType.Play);

        translation.AssertValid();
        Assert.Equal("b0cffeded10cd199904cac19467bf327b369096d23096c311dd2429069758af9", translation.Event!.SessionId);
        Assert.Null(translation.Translated["params"]);
        Assert.Equal(1796397773753, (long?)translation.Translated["playerTime"]!["ts"]);
    }

    [Fact]
    public void AdBreakAndAd_MapPodAndAdvertisingDetails()
    {
        var pod = EdgeTranslation.Of(AlloyCapture.Seq(4).Body, EventType.AdBreakStart).Translated["params"]!;
        var ad = EdgeTranslation.Of(AlloyCapture.Seq(5).Body, EventType.AdStart).Translated;

        Assert.Equal((1, 11, "mid-roll"), ((int)pod["media.ad.podIndex"]!, (int)pod["media.ad.podSecond"]!, (string)pod["media.ad.podFriendlyName"]!));
        var parameters = ad["params"]!;
        Assert.Equal("ad-001", (string?)parameters["media.ad.id"]);
        Assert.Equal("Ad one", (string?)parameters["media.ad.name"]);
        Assert.Equal(15, (int?)parameters["media.ad.length"]);
        Assert.Equal(1, (int?)parameters["media.ad.podPosition"]);
        Assert.Equal("playtrail-capture-player", (string?)parameters["media.ad.playerName"]);
        Assert.Equal("ACME", (string?)parameters["media.ad.advertiser"]);
        Assert.Equal("camp-9", (string?)parameters["media.ad.campaignId"]);
        Assert.Equal("cr-7", (string?)parameters["media.ad.creativeId"]);
        Assert.Equal("x", (string?)ad["customMetadata"]!["ad.custom"]);
    }

    [Fact]
    public void ChapterStatesAndError_MapTheirDetails()
    {
        var chapter = EdgeTranslation.Of(AlloyCapture.Seq(11).Body, EventType.ChapterStart).Translated["params"]!;
        var states = EdgeTranslation.Of(AlloyCapture.Seq(17).Body, EventType.StatesUpdate).Translated["params"]!;
        var error = EdgeTranslation.Of(AlloyCapture.Seq(18).Body, EventType.Error).Translated["params"]!;

        Assert.Equal((1, 11, 60, "Chapter one"),
            ((int)chapter["media.chapter.index"]!, (int)chapter["media.chapter.offset"]!, (int)chapter["media.chapter.length"]!, (string)chapter["media.chapter.friendlyName"]!));
        Assert.Equal("fullscreen", (string?)states["statesStart"]![0]!["media.state.name"]);
        Assert.Equal("mute", (string?)states["statesEnd"]![0]!["media.state.name"]);
        Assert.Equal(("E42", "player"), ((string)error["media.errorId"]!, (string)error["media.errorSource"]!));
    }

    [Fact]
    public void LegacyBridge_QoeDataDetailsNull_IsTreatedAsAbsent()
    {
        var translation = EdgeTranslation.Of(AlloyCapture.Seq(27).Body, EventType.Play);

        translation.AssertValid();
        Assert.Null(translation.Translated["qoeData"]);
    }

    [Fact]
    public void MissingPlayhead_IsReportedAtTheXdmField()
    {
        var body = Body("""{"timestamp":"2026-12-04T15:22:53.753Z","eventType":"media.play","mediaCollection":{"sessionID":"abc"}}""");

        EdgeTranslation.Of(body, EventType.Play).AssertSingle("/events/0/xdm/mediaCollection/playhead", ValidationRules.Required);
    }

    [Fact]
    public void SessionStart_WithoutContentIdAndWithATextLength_NamesBothSessionDetailsFields()
    {
        var body = Body("""
            {"timestamp":"2026-12-04T15:22:53.589Z","eventType":"media.sessionStart","mediaCollection":{"playhead":0,
             "sessionDetails":{"length":"120","contentType":"VOD","playerName":"p","channel":"c"}}}
            """);

        var errors = EdgeTranslation.Of(body).Errors.Select(error => (error.Pointer, error.Rule)).ToList();

        Assert.Equal(2, errors.Count);
        Assert.Contains(("/events/0/xdm/mediaCollection/sessionDetails/length", ValidationRules.Type), errors);
        Assert.Contains(("/events/0/xdm/mediaCollection/sessionDetails/name", ValidationRules.Required), errors);
    }

    [Fact]
    public void SessionStart_WithoutSessionDetails_NamesTheMissingRequiredFields()
    {
        var body = Body("""{"timestamp":"2026-12-04T15:22:53.589Z","eventType":"media.sessionStart","mediaCollection":{"playhead":0}}""");

        var pointers = EdgeTranslation.Of(body).Errors.Select(error => error.Pointer).ToList();

        Assert.Contains("/events/0/xdm/mediaCollection/sessionDetails/name", pointers);
        Assert.Contains("/events/0/xdm/mediaCollection/sessionDetails/length", pointers);
        Assert.Contains("/events/0/xdm/mediaCollection/sessionDetails/channel", pointers);
    }

    [Theory]
    [InlineData("\"yesterday\"", "format")]
    [InlineData("1796397773589", "type")]
    public void Timestamp_ThatIsNotIso8601_IsRefused(string timestamp, string rule)
    {
        var body = Body($$$"""{"timestamp":{{{timestamp}}},"eventType":"media.play","mediaCollection":{"playhead":0,"sessionID":"abc"}}""");

        EdgeTranslation.Of(body, EventType.Play).AssertSingle("/events/0/xdm/timestamp", rule);
    }

    [Theory]
    [InlineData("2026-12-04T15:22:53.589Z", 1796397773589)]
    [InlineData("2026-12-04T16:22:53.589+01:00", 1796397773589)]
    [InlineData("2026-12-04T15:22:53Z", 1796397773000)]
    [InlineData("2026-12-04T15:22:53.589", 1796397773589)]
    public void Timestamp_WithOrWithoutOffset_IsEpochMilliseconds(string timestamp, long expected)
    {
        var body = Body($$$"""{"timestamp":"{{{timestamp}}}","eventType":"media.play","mediaCollection":{"playhead":0,"sessionID":"abc"}}""");

        Assert.Equal(expected, (long?)EdgeTranslation.Of(body, EventType.Play).Translated["playerTime"]!["ts"]);
    }

    [Theory]
    [InlineData("media.stateStart")]
    [InlineData("play")]
    [InlineData("web.webpagedetails.pageViews")]
    public void EventType_ThatIsNotAnEdgeMediaEvent_IsRefused(string eventType)
    {
        var body = Body($$$"""{"timestamp":"2026-12-04T15:22:53.589Z","eventType":"{{{eventType}}}","mediaCollection":{"playhead":0,"sessionID":"abc"}}""");

        EdgeTranslation.Of(body).AssertSingle("/events/0/xdm/eventType", ValidationRules.Enum);
    }

    [Fact]
    public void EventType_ThatDisagreesWithTheRoute_IsRefused()
    {
        EdgeTranslation.Of(AlloyCapture.Seq(2).Body, EventType.PauseStart).AssertSingle("/events/0/xdm/eventType", ValidationRules.Route);
    }

    [Fact]
    public void Event_WithoutSessionId_IsRefused()
    {
        var body = Body("""{"timestamp":"2026-12-04T15:22:53.589Z","eventType":"media.ping","mediaCollection":{"playhead":10}}""");

        EdgeTranslation.Of(body, EventType.Ping).AssertSingle("/events/0/xdm/mediaCollection/sessionID", ValidationRules.Required);
    }

    [Fact]
    public void CustomMetadata_NameBreakingTheKeyPattern_PointsAtItsEntry()
    {
        var body = AlloyCapture.Seq(1).Body.Replace("\"cm.campaign\"", "\"cm campaign!\"", StringComparison.Ordinal);

        EdgeTranslation.Of(body).AssertSingle("/events/0/xdm/mediaCollection/customMetadata/0", ValidationRules.Pattern);
    }

    [Fact]
    public void CustomMetadata_AsAnObject_IsATypeError()
    {
        var node = JsonNode.Parse(AlloyCapture.Seq(1).Body)!;
        node["events"]![0]!["xdm"]!["mediaCollection"]!["customMetadata"] = new JsonObject { ["cm.campaign"] = "spring" };

        EdgeTranslation.Of(node.ToJsonString()).AssertSingle("/events/0/xdm/mediaCollection/customMetadata", ValidationRules.Type);
    }

    [Fact]
    public void StateName_BreakingTheStatePattern_PointsAtTheXdmName()
    {
        var body = AlloyCapture.Seq(17).Body.Replace("\"fullscreen\"", "\"full screen\"", StringComparison.Ordinal);

        EdgeTranslation.Of(body, EventType.StatesUpdate).AssertSingle("/events/0/xdm/mediaCollection/statesStart/0/name", ValidationRules.Pattern);
    }

    [Fact]
    public void AdBreak_WithATextPodIndex_PointsAtAdvertisingPodDetails()
    {
        var body = AlloyCapture.Seq(4).Body.Replace("\"index\": 1", "\"index\": \"first\"", StringComparison.Ordinal)
            .Replace("\"index\":1", "\"index\":\"first\"", StringComparison.Ordinal);

        EdgeTranslation.Of(body, EventType.AdBreakStart).AssertSingle("/events/0/xdm/mediaCollection/advertisingPodDetails/index", ValidationRules.Type);
    }

    [Fact]
    public void LiveSessionStart_MarkedDownloaded_IsRefusedAtIsDownloaded()
    {
        var body = AlloyCapture.Seq(21).Body.Replace("\"streamType\"", "\"isDownloaded\": true, \"streamType\"", StringComparison.Ordinal);

        EdgeTranslation.Of(body).AssertSingle("/events/0/xdm/mediaCollection/sessionDetails/isDownloaded", ValidationRules.DownloadedOnLive);
    }

    [Fact]
    public void IdentityMapEcid_BecomesTheMarketingCloudUserId()
    {
        var node = JsonNode.Parse(AlloyCapture.Seq(21).Body)!;
        node["xdm"] = JsonNode.Parse("""{"identityMap":{"ECID":[{"id":"12345678901234567890123456789012345678","primary":true}]}}""");

        var translation = EdgeTranslation.Of(node.ToJsonString());

        translation.AssertValid();
        Assert.Equal("12345678901234567890123456789012345678", (string?)translation.Translated["params"]!["visitor.marketingCloudUserId"]);
    }

    private static string Body(string xdm) => $$"""{"events":[{"xdm":{{xdm}}}]}""";
}
