using System.Text;
using Playtrail.Core.Validation;
using Playtrail.Testing;

namespace Playtrail.Core.Tests.Validation;

/// <summary>The envelope every event shares: eventType, playerTime, the allowed top-level keys, and well-formed JSON.</summary>
public sealed class EnvelopeTests
{
    [Fact]
    public void UnknownTopLevelKey_FailsWithAdditionalProperties()
    {
        var body = """{"eventType": "play", "playerTime": {"playhead": 0, "ts": 1}, "extra": 1}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/extra", ValidationRules.AdditionalProperties);
    }

    [Fact]
    public void UnknownEventType_FailsWithEnum()
    {
        var body = """{"eventType": "seekStart", "playerTime": {"playhead": 0, "ts": 1}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/eventType", ValidationRules.Enum);
    }

    [Fact]
    public void EventTypeInTheWrongCase_FailsWithEnum()
    {
        var body = """{"eventType": "Play", "playerTime": {"playhead": 0, "ts": 1}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/eventType", ValidationRules.Enum);
    }

    [Fact]
    public void EventTypeWrittenWithEscapes_IsTheSameEventType()
    {
        var body = """{"eventType": "\u0070lay", "playerTime": {"playhead": 0, "ts": 1}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void EventTypeAfterItsParams_IsStillValidatedAgainstThatType()
    {
        var body = """{"params": {"media.state.name": "mute"}, "playerTime": {"playhead": 0, "ts": 1}, "eventType": "stateStart"}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void MissingEventType_FailsWithRequired()
    {
        ValidationRun.Of("""{"playerTime": {"playhead": 0, "ts": 1}}""", IngestionRoute.Events).AssertSingle("/eventType", ValidationRules.Required);
    }

    [Fact]
    public void MissingPlayerTime_FailsWithRequired()
    {
        ValidationRun.Of("""{"eventType": "play"}""", IngestionRoute.Events).AssertSingle("/playerTime", ValidationRules.Required);
    }

    [Fact]
    public void MissingPlayerTime_InAnArray_IsReportedUnderItsElement()
    {
        var body = "[" + Samples.SessionStart(1, downloaded: true) + """, {"eventType": "play"}]""";

        ValidationRun.Of(body, IngestionRoute.Downloaded).AssertSingle("/1/playerTime", ValidationRules.Required);
    }

    [Fact]
    public void MissingTs_FailsWithRequired()
    {
        ValidationRun.Of("""{"eventType": "play", "playerTime": {"playhead": 0}}""", IngestionRoute.Events)
            .AssertSingle("/playerTime/ts", ValidationRules.Required);
    }

    [Fact]
    public void NegativePlayhead_FailsWithMinimum()
    {
        ValidationRun.Of("""{"eventType": "play", "playerTime": {"playhead": -1, "ts": 1}}""", IngestionRoute.Events)
            .AssertSingle("/playerTime/playhead", ValidationRules.Minimum);
    }

    [Fact]
    public void FractionalPlayhead_IsValid()
    {
        ValidationRun.Of("""{"eventType": "play", "playerTime": {"playhead": 12.375, "ts": 1}}""", IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void FractionalTs_FailsWithType()
    {
        ValidationRun.Of("""{"eventType": "play", "playerTime": {"playhead": 0, "ts": 1.5}}""", IngestionRoute.Events)
            .AssertSingle("/playerTime/ts", ValidationRules.Type);
    }

    [Fact]
    public void TsAsString_FailsWithType()
    {
        ValidationRun.Of("""{"eventType": "play", "playerTime": {"playhead": 0, "ts": "1"}}""", IngestionRoute.Events)
            .AssertSingle("/playerTime/ts", ValidationRules.Type);
    }

    [Fact]
    public void NegativeTs_FailsWithMinimum()
    {
        ValidationRun.Of("""{"eventType": "play", "playerTime": {"playhead": 0, "ts": -5}}""", IngestionRoute.Events)
            .AssertSingle("/playerTime/ts", ValidationRules.Minimum);
    }

    [Fact]
    public void UnknownKeyInPlayerTime_FailsWithAdditionalProperties()
    {
        ValidationRun.Of("""{"eventType": "play", "playerTime": {"playhead": 0, "ts": 1, "tz": 2}}""", IngestionRoute.Events)
            .AssertSingle("/playerTime/tz", ValidationRules.AdditionalProperties);
    }

    [Fact]
    public void MalformedJson_InASingleEvent_FailsWithJsonAtTheRoot()
    {
        ValidationRun.Of("""{"eventType": "play", "playerTime": {"playhead": 0, "ts": 1}""", IngestionRoute.Events)
            .AssertSingle("", ValidationRules.Json);
    }

    [Fact]
    public void MalformedJson_InsideAnArrayElement_FailsWithJsonAtThatElement()
    {
        var body = "[" + Samples.SessionStart(1, downloaded: true) + ","
            + Samples.Event("play", 0, 2) + ""","""
            + """{"eventType": "ping", "playerTime": {"playhead": 10 "ts": 3}}]""";

        ValidationRun.Of(body, IngestionRoute.Downloaded).AssertSingle("/2", ValidationRules.Json);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("""{"eventType": "play", "playerTime": {"playhead": 0, "ts": 1},}""")]
    [InlineData("""{"eventType": "play", /* why */ "playerTime": {"playhead": 0, "ts": 1}}""")]
    [InlineData("""{"eventType": "play", "playerTime": {"playhead": 0, "ts": 1}} {}""")]
    [InlineData("""{'eventType': 'play'}""")]
    public void NotJson_FailsWithJson(string body)
    {
        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("", ValidationRules.Json);
    }

    [Fact]
    public void BodyThatIsNotUtf8_FailsWithJsonInsteadOfThrowing()
    {
        // "café" in Latin-1: a client that forgot to encode as UTF-8.
        var prefix = "{\"eventType\": \"play\", \"playerTime\": {\"playhead\": 0, \"ts\": 1}, \"qoeData\": {\"media.qoe.errorID\": \"caf"u8.ToArray();
        byte[] body = [.. prefix, 0xE9, .. "\"}}"u8];

        var run = ValidationRun.Of(body, IngestionRoute.Events);

        run.AssertSingle("", ValidationRules.Json);
        Assert.Contains($"UTF-8 (byte {prefix.Length})", run.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"eventType": "play", "playerTime": {"playhead": 0, "ts": 1}, "\ud800": 1}""")]
    [InlineData("""{"eventType": "\ud800", "playerTime": {"playhead": 0, "ts": 1}}""")]
    [InlineData("""{"eventType": "stateStart", "playerTime": {"playhead": 0, "ts": 1}, "params": {"media.state.name": "\udc00"}}""")]
    [InlineData("""{"eventType": "error", "playerTime": {"playhead": 0, "ts": 1}, "qoeData": {"media.qoe.errorID": "x\ud800"}}""")]
    public void UnpairedSurrogateEscape_FailsWithJsonInsteadOfThrowing(string body)
    {
        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("", ValidationRules.Json);
    }

    [Fact]
    public void UnpairedSurrogateEscape_InAStringValue_IsReportedUnderItsElement()
    {
        var body = "[" + Samples.SessionStart(1, downloaded: true, extraParams: "\"media.show\": \"\\ud800\"") + "]";

        ValidationRun.Of(body, IngestionRoute.Downloaded).AssertSingle("/0", ValidationRules.Json);
    }

    [Fact]
    public void NestingBeyondTheReadersDepth_FailsWithJson()
    {
        var body = """{"eventType": "play", "playerTime": {"playhead": 0, "ts": 1}, "qoeData": """ + new string('[', 100) + new string(']', 100) + "}";

        var run = ValidationRun.Of(body, IngestionRoute.Events);

        Assert.False(run.IsValid);
        Assert.Equal(ValidationRules.Json, run.Errors[^1].Rule);
    }

    [Fact]
    public void KeyWithSlashAndTilde_IsEscapedInThePointer()
    {
        var body = """{"eventType": "play", "playerTime": {"playhead": 0, "ts": 1}, "a/b~c": 1}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/a~1b~0c", ValidationRules.AdditionalProperties);
    }

    [Fact]
    public void ParamsKeyWithSlashAndTilde_IsEscapedInThePointerUnderItsElement()
    {
        var body = "[" + Samples.SessionStart(1, downloaded: true, extraParams: "\"x/y~z\": 1") + "]";

        ValidationRun.Of(body, IngestionRoute.Downloaded).AssertSingle("/0/params/x~1y~0z", ValidationRules.AdditionalProperties);
    }

    [Fact]
    public void DuplicateTopLevelKey_FailsWithDuplicateKey()
    {
        var body = """{"eventType": "play", "eventType": "play", "playerTime": {"playhead": 0, "ts": 1}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/eventType", ValidationRules.DuplicateKey);
    }

    [Fact]
    public void DuplicateKeyInPlayerTime_FailsWithDuplicateKey()
    {
        var body = """{"eventType": "play", "playerTime": {"playhead": 0, "ts": 1, "ts": 2}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/playerTime/ts", ValidationRules.DuplicateKey);
    }

    [Fact]
    public void DuplicateKeyInParams_FailsWithDuplicateKey()
    {
        var body = Samples.SessionStart(1, extraParams: "\"media.id\": \"other\"");

        ValidationRun.Of(body, IngestionRoute.Sessions).AssertSingle("/params/media.id", ValidationRules.DuplicateKey);
    }

    [Fact]
    public void DuplicateKeyInQoeData_FailsWithDuplicateKey()
    {
        var body = """{"eventType": "bitrateChange", "playerTime": {"playhead": 0, "ts": 1}, "qoeData": {"media.qoe.bitrate": 1, "media.qoe.bitrate": 2}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/qoeData/media.qoe.bitrate", ValidationRules.DuplicateKey);
    }

    [Fact]
    public void QoeDataWithAnUnknownKey_FailsWithAdditionalProperties()
    {
        // Timeline 1's bare "bitrate" is a documentation typo (docs/reference/media-collection-api.md#qoe-keys), not a
        // key to accept.
        var body = """{"eventType": "bitrateChange", "playerTime": {"playhead": 0, "ts": 1}, "qoeData": {"bitrate": 10000}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/qoeData/bitrate", ValidationRules.AdditionalProperties);
    }

    [Fact]
    public void ManyFailures_AreAllListedUpToTheCapAndMarkedTruncated()
    {
        var builder = new StringBuilder("[").Append(Samples.SessionStart(1, downloaded: true));
        for (var i = 1; i <= 150; i++)
        {
            builder.Append(",{\"eventType\": \"ping\", \"playerTime\": {\"playhead\": -1, \"ts\": ").Append(i + 1).Append("}}");
        }

        var run = ValidationRun.Of(builder.Append(']').ToString(), IngestionRoute.Downloaded);

        Assert.False(run.IsValid);
        Assert.True(run.Truncated);
        Assert.Equal(ErrorCollector.DefaultCapacity, run.Errors.Count);
        Assert.Equal(Enumerable.Range(1, ErrorCollector.DefaultCapacity).Select(i => $"/{i}/playerTime/playhead"), run.Errors.Select(e => e.Pointer));
    }

    [Fact]
    public void FailuresUpToTheCap_AreNotMarkedTruncated()
    {
        var body = """{"eventType": "play", "playerTime": {"playhead": -1, "ts": -1}, "a": 1}""";

        var run = ValidationRun.Of(body, IngestionRoute.Events, capacity: 3);

        Assert.False(run.IsValid);
        Assert.False(run.Truncated);
        Assert.Equal(["/playerTime/playhead", "/playerTime/ts", "/a"], run.Errors.Select(e => e.Pointer));
    }

    [Fact]
    public void OneFailureBeyondTheCap_IsMarkedTruncated()
    {
        var body = """{"eventType": "play", "playerTime": {"playhead": -1, "ts": -1}, "a": 1, "b": 2}""";

        var run = ValidationRun.Of(body, IngestionRoute.Events, capacity: 3);

        Assert.False(run.IsValid);
        Assert.True(run.Truncated);
        Assert.Equal(3, run.Errors.Count);
    }
}
