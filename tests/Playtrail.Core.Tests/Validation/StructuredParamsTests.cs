using Playtrail.Core.Validation;
using Playtrail.Testing;

namespace Playtrail.Core.Tests.Validation;

/// <summary>
/// The structured params: player state names and lists (docs/reference/media-collection-api.md#player-states) and
/// declared customer ids (docs/reference/media-collection-api.md#identity-params).
/// </summary>
public sealed class StructuredParamsTests
{
    [Fact]
    public void StateName_WithASpace_FailsWithPattern()
    {
        var body = JsonEdit.WithParam(TimelineExamples.StateStart, "media.state.name", "\"full screen\"");

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/params/media.state.name", ValidationRules.Pattern);
    }

    [Fact]
    public void StateName_Of65Characters_FailsWithPattern()
    {
        var body = JsonEdit.WithParam(TimelineExamples.StateStart, "media.state.name", "\"" + new string('s', 65) + "\"");

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/params/media.state.name", ValidationRules.Pattern);
    }

    [Fact]
    public void StateName_Of64Characters_IsValid()
    {
        var body = JsonEdit.WithParam(TimelineExamples.StateStart, "media.state.name", "\"" + new string('s', 64) + "\"");

        ValidationRun.Of(body, IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void StateName_WrittenWithEscapes_IsMatchedAfterUnescaping()
    {
        var body = """{"eventType": "stateEnd", "playerTime": {"playhead": 0, "ts": 1}, "params": {"media.state.name": "\u006dute"}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void StatesUpdate_WithNeitherList_FailsWithAnyOf()
    {
        var body = """{"eventType": "statesUpdate", "playerTime": {"playhead": 0, "ts": 1}, "params": {}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/params", ValidationRules.AnyOf);
    }

    [Fact]
    public void StatesUpdate_WithOnlyStatesEnd_IsValid()
    {
        var body = """{"eventType": "statesUpdate", "playerTime": {"playhead": 0, "ts": 1}, "params": {"statesEnd": [{"media.state.name": "mute"}]}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void StatesUpdate_WithANumberForAStateName_FailsWithType()
    {
        var body = """{"eventType": "statesUpdate", "playerTime": {"playhead": 0, "ts": 1}, "params": {"statesStart": [{"media.state.name": "mute"}, {"media.state.name": 7}]}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/params/statesStart/1/media.state.name", ValidationRules.Type);
    }

    [Fact]
    public void StatesUpdate_WithAnInvalidStateName_FailsWithPattern()
    {
        var body = """{"eventType": "statesUpdate", "playerTime": {"playhead": 0, "ts": 1}, "params": {"statesEnd": [{"media.state.name": "bad name"}]}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/params/statesEnd/0/media.state.name", ValidationRules.Pattern);
    }

    [Fact]
    public void StatesUpdate_WithAnEntryMissingItsName_FailsWithRequired()
    {
        var body = """{"eventType": "statesUpdate", "playerTime": {"playhead": 0, "ts": 1}, "params": {"statesStart": [{"name": "mute"}]}}""";

        var run = ValidationRun.Of(body, IngestionRoute.Events);

        Assert.Equal(
            [("/params/statesStart/0/name", ValidationRules.AdditionalProperties), ("/params/statesStart/0/media.state.name", ValidationRules.Required)],
            run.Errors.Select(e => (e.Pointer, e.Rule)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("2")]
    public void CustomerId_WithAKnownAuthState_IsValid(string authState)
    {
        var body = JsonEdit.WithParam(TimelineExamples.SessionStart, "visitor.customerIDs", "{\"crm\": {\"id\": \"abc\", \"authState\": " + authState + "}}");

        ValidationRun.Of(body, IngestionRoute.Sessions).AssertValid();
    }

    [Fact]
    public void CustomerId_WithAnUnknownAuthState_FailsWithEnum()
    {
        var body = JsonEdit.WithParam(TimelineExamples.SessionStart, "visitor.customerIDs", """{"crm": {"id": "abc", "authState": 3}}""");

        ValidationRun.Of(body, IngestionRoute.Sessions).AssertSingle("/params/visitor.customerIDs/crm/authState", ValidationRules.Enum);
    }

    [Fact]
    public void CustomerId_WithAuthStateAsText_FailsWithType()
    {
        var body = JsonEdit.WithParam(TimelineExamples.SessionStart, "visitor.customerIDs", """{"crm": {"id": "abc", "authState": "1"}}""");

        ValidationRun.Of(body, IngestionRoute.Sessions).AssertSingle("/params/visitor.customerIDs/crm/authState", ValidationRules.Type);
    }

    [Fact]
    public void CustomerId_WithoutItsId_FailsWithRequired()
    {
        var body = JsonEdit.WithParam(TimelineExamples.SessionStart, "visitor.customerIDs", """{"crm": {"authState": 1}}""");

        ValidationRun.Of(body, IngestionRoute.Sessions).AssertSingle("/params/visitor.customerIDs/crm/id", ValidationRules.Required);
    }

    [Fact]
    public void CustomerIdType_WithASlash_IsEscapedInThePointer()
    {
        var body = JsonEdit.WithParam(TimelineExamples.SessionStart, "visitor.customerIDs", """{"crm/eu": "abc"}""");

        ValidationRun.Of(body, IngestionRoute.Sessions).AssertSingle("/params/visitor.customerIDs/crm~1eu", ValidationRules.Type);
    }

    [Fact]
    public void AamLocationHint_AsAFraction_FailsWithType()
    {
        var body = JsonEdit.WithParam(TimelineExamples.SessionStart, "visitor.aamLocationHint", "9.5");

        ValidationRun.Of(body, IngestionRoute.Sessions).AssertSingle("/params/visitor.aamLocationHint", ValidationRules.Type);
    }
}
