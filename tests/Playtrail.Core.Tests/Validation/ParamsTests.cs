using Playtrail.Core.Validation;
using Playtrail.Testing;

namespace Playtrail.Core.Tests.Validation;

/// <summary>
/// The <c>params</c> of each event type (docs/reference/media-collection-api.md#event-params), written out by hand
/// rather than read from the catalogue.
/// </summary>
public sealed class ParamsTests
{
    private static readonly Dictionary<string, string> Examples = new()
    {
        ["sessionStart"] = TimelineExamples.SessionStart,
        ["adBreakStart"] = TimelineExamples.AdBreakStart,
        ["adStart"] = TimelineExamples.AdStart,
        ["chapterStart"] = TimelineExamples.ChapterStart,
        ["stateStart"] = TimelineExamples.StateStart,
    };

    public static TheoryData<string, string> RequiredParams => new()
    {
        { "sessionStart", "analytics.trackingServer" },
        { "sessionStart", "analytics.reportSuite" },
        { "sessionStart", "visitor.marketingCloudOrgId" },
        { "sessionStart", "media.id" },
        { "sessionStart", "media.length" },
        { "sessionStart", "media.contentType" },
        { "sessionStart", "media.playerName" },
        { "sessionStart", "media.channel" },
        { "adBreakStart", "media.ad.podIndex" },
        { "adBreakStart", "media.ad.podSecond" },
        { "adStart", "media.ad.id" },
        { "adStart", "media.ad.length" },
        { "adStart", "media.ad.podPosition" },
        { "adStart", "media.ad.playerName" },
        { "chapterStart", "media.chapter.index" },
        { "chapterStart", "media.chapter.offset" },
        { "chapterStart", "media.chapter.length" },
        { "stateStart", "media.state.name" },
    };

    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { "sessionStart", "analytics.trackingServer", "42" },
        { "sessionStart", "analytics.reportSuite", "true" },
        { "sessionStart", "visitor.marketingCloudOrgId", "{}" },
        { "sessionStart", "media.id", "42" },
        { "sessionStart", "media.length", "\"35\"" },
        { "sessionStart", "media.contentType", "null" },
        { "sessionStart", "media.playerName", "[]" },
        { "sessionStart", "media.channel", "1.5" },
        { "sessionStart", "media.resume", "\"true\"" },
        { "sessionStart", "analytics.enableSSL", "1" },
        { "adBreakStart", "media.ad.podIndex", "1.5" },
        { "adBreakStart", "media.ad.podIndex", "\"0\"" },
        { "adBreakStart", "media.ad.podSecond", "\"0\"" },
        { "adStart", "media.ad.id", "1" },
        { "adStart", "media.ad.length", "\"15\"" },
        { "adStart", "media.ad.podPosition", "1.5" },
        { "adStart", "media.ad.playerName", "false" },
        { "chapterStart", "media.chapter.index", "\"1\"" },
        { "chapterStart", "media.chapter.offset", "\"0\"" },
        { "chapterStart", "media.chapter.length", "true" },
        { "stateStart", "media.state.name", "7" },
    };

    [Theory]
    [MemberData(nameof(RequiredParams))]
    public void RequiredParam_Missing_FailsWithRequiredNamingIt(string eventType, string key)
    {
        var body = JsonEdit.WithoutParam(Examples[eventType], key);

        var run = ValidationRun.Of(body, Route(eventType));

        run.AssertSingle("/params/" + key, ValidationRules.Required);
        Assert.Contains(key, run.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Param_OfTheWrongType_FailsWithTypeNamingIt(string eventType, string key, string value)
    {
        var body = JsonEdit.WithParam(Examples[eventType], key, value);

        var run = ValidationRun.Of(body, Route(eventType));

        run.AssertSingle("/params/" + key, ValidationRules.Type);
        Assert.Contains(key, run.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("adBreakStart")]
    [InlineData("adStart")]
    [InlineData("chapterStart")]
    [InlineData("stateStart")]
    public void EventWithRequiredParams_WithoutParams_FailsWithRequiredAtParams(string eventType)
    {
        var body = "{\"eventType\": \"" + eventType + "\", \"playerTime\": {\"playhead\": 0, \"ts\": 1}}";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/params", ValidationRules.Required);
    }

    [Fact]
    public void RequiredString_Empty_FailsWithMinLength()
    {
        var body = JsonEdit.WithParam(TimelineExamples.SessionStart, "media.id", "\"\"");

        ValidationRun.Of(body, IngestionRoute.Sessions).AssertSingle("/params/media.id", ValidationRules.MinLength);
    }

    [Fact]
    public void NegativeContentLength_FailsWithMinimum()
    {
        var body = JsonEdit.WithParam(TimelineExamples.SessionStart, "media.length", "-1");

        ValidationRun.Of(body, IngestionRoute.Sessions).AssertSingle("/params/media.length", ValidationRules.Minimum);
    }

    [Fact]
    public void AdLengthOfMinusOne_ForAnUnknownLength_IsValid()
    {
        ValidationRun.Of(JsonEdit.WithParam(TimelineExamples.AdStart, "media.ad.length", "-1"), IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void Ping_WithParams_FailsWithForbiddenAtParams()
    {
        var body = """{"eventType": "ping", "playerTime": {"playhead": 10, "ts": 1}, "params": {}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/params", ValidationRules.Forbidden);
    }

    [Fact]
    public void Ping_WithQoeData_IsValid()
    {
        var body = """{"eventType": "ping", "playerTime": {"playhead": 10, "ts": 1}, "qoeData": {"media.qoe.droppedFrames": 3}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void SessionStart_WithAnUnknownParamsKey_FailsWithAdditionalProperties()
    {
        var body = JsonEdit.WithParam(TimelineExamples.SessionStart, "media.director", "\"someone\"");

        ValidationRun.Of(body, IngestionRoute.Sessions).AssertSingle("/params/media.director", ValidationRules.AdditionalProperties);
    }

    [Fact]
    public void Play_WithAnUnknownParamsKey_FailsWithAdditionalProperties()
    {
        var body = """{"eventType": "play", "playerTime": {"playhead": 0, "ts": 1}, "params": {"media.id": "x"}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/params/media.id", ValidationRules.AdditionalProperties);
    }

    [Fact]
    public void QoeKeysInParams_AreAccepted()
    {
        // docs/decisions/0007-strict-validation-qoe-anywhere.md and docs/reference/media-collection-api.md#qoe-keys:
        // the 2026 pages put QoE in params.
        var body = """
            {"eventType": "play", "playerTime": {"playhead": 0, "ts": 1},
             "params": {"media.qoe.bitrate": 3000, "media.qoe.timeToStart": 800, "media.qoe.framesPerSecond": 29.97, "media.qoe.droppedFrames": 0}}
            """;

        ValidationRun.Of(body, IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void SessionStart_WithTimeToStartInParams_IsValid()
    {
        ValidationRun.Of(JsonEdit.WithParam(TimelineExamples.SessionStart, "media.qoe.timeToStart", "1200"), IngestionRoute.Sessions).AssertValid();
    }

    [Fact]
    public void NegativeBitrate_FailsWithMinimum()
    {
        var body = """{"eventType": "bitrateChange", "playerTime": {"playhead": 0, "ts": 1}, "qoeData": {"media.qoe.bitrate": -1}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/qoeData/media.qoe.bitrate", ValidationRules.Minimum);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("\"9\"")]
    public void SessionStart_WithEveryKeyTheAdobeSdksSend_IsValidOnTheSingleObjectRoute(string aamLocationHint)
    {
        var run = ValidationRun.Of(SdkSessionStart.Json(aamLocationHint), IngestionRoute.Sessions);

        run.AssertValid();
        Assert.Null(Assert.Single(run.Events).Downloaded);
    }

    [Fact]
    public void Error_WithNoParams_IsValid()
    {
        ValidationRun.Of(TimelineExamples.Error, IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void Error_IdentifiedInQoeData_IsValid()
    {
        ValidationRun.Of(TimelineExamples.ErrorWithQoeData, IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void Error_IdentifiedInParams_IsValid()
    {
        ValidationRun.Of(TimelineExamples.ErrorWithParams, IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void Error_WithAnUnknownSourceInQoeData_FailsWithEnum()
    {
        var body = JsonEdit.With(TimelineExamples.ErrorWithQoeData, "qoeData", "media.qoe.errorSource", "\"cdn\"");

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/qoeData/media.qoe.errorSource", ValidationRules.Enum);
    }

    [Fact]
    public void Error_WithAnUnknownSourceInParams_FailsWithEnum()
    {
        var body = JsonEdit.WithParam(TimelineExamples.ErrorWithParams, "media.errorSource", "\"Player\"");

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/params/media.errorSource", ValidationRules.Enum);
    }

    private static IngestionRoute Route(string eventType) => eventType == "sessionStart" ? IngestionRoute.Sessions : IngestionRoute.Events;
}
