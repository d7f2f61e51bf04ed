using Playtrail.Core.Validation;
using Playtrail.Testing;

namespace Playtrail.Core.Tests.Validation;

/// <summary>
/// customMetadata (docs/reference/media-collection-api.md#custom-metadata): flat string values, keys of letters,
/// digits, '_' and '.', on three event types only.
/// </summary>
public sealed class CustomMetadataTests
{
    [Fact]
    public void CustomMetadata_WithANumberValue_FailsWithType()
    {
        var body = JsonEdit.With(TimelineExamples.AdStart, "customMetadata", "episodeNumber", "7");

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/customMetadata/episodeNumber", ValidationRules.Type);
    }

    [Fact]
    public void CustomMetadata_WithABooleanValue_FailsWithType()
    {
        var body = JsonEdit.With(TimelineExamples.SessionStart, "customMetadata", "premium", "true");

        ValidationRun.Of(body, IngestionRoute.Sessions).AssertSingle("/customMetadata/premium", ValidationRules.Type);
    }

    [Fact]
    public void CustomMetadata_WithABadKey_FailsWithPattern()
    {
        var body = JsonEdit.With(TimelineExamples.ChapterStart, "customMetadata", "bad key!", "\"x\"");

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/customMetadata/bad key!", ValidationRules.Pattern);
    }

    [Fact]
    public void CustomMetadata_WithAnEmptyKey_FailsWithPattern()
    {
        var body = JsonEdit.With(TimelineExamples.AdStart, "customMetadata", "", "\"x\"");

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/customMetadata/", ValidationRules.Pattern);
    }

    [Fact]
    public void CustomMetadata_KeyWithASlash_IsEscapedInThePointer()
    {
        var body = JsonEdit.With(TimelineExamples.AdStart, "customMetadata", "a/b", "\"x\"");

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/customMetadata/a~1b", ValidationRules.Pattern);
    }

    [Fact]
    public void CustomMetadata_KeyWrittenWithEscapes_IsMatchedAfterUnescaping()
    {
        var body = TimelineExamples.AdStart.Replace("\"myCustomKey3\"", "\"my\\u0043ustomKey3\"", StringComparison.Ordinal);

        ValidationRun.Of(body, IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void CustomMetadata_WithAnEmptyValue_IsValid()
    {
        ValidationRun.Of(JsonEdit.With(TimelineExamples.AdStart, "customMetadata", "note", "\"\""), IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void CustomMetadata_ThatIsNotAnObject_FailsWithType()
    {
        var body = """{"eventType": "chapterStart", "playerTime": {"playhead": 0, "ts": 1}, "params": {"media.chapter.index": 1, "media.chapter.offset": 0, "media.chapter.length": 20}, "customMetadata": ["x"]}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/customMetadata", ValidationRules.Type);
    }

    [Fact]
    public void CustomMetadata_OnPlay_FailsWithAdditionalProperties()
    {
        var body = """{"eventType": "play", "playerTime": {"playhead": 0, "ts": 1}, "customMetadata": {"a": "b"}}""";

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/customMetadata", ValidationRules.AdditionalProperties);
    }

    [Theory]
    [InlineData("adBreakStart")]
    [InlineData("ping")]
    [InlineData("sessionEnd")]
    public void CustomMetadata_OnOtherEventTypes_FailsWithAdditionalProperties(string eventType)
    {
        var example = TimelineExamples.All.First(e => e.Json.Contains($"\"eventType\": \"{eventType}\"", StringComparison.Ordinal)).Json;
        var body = JsonEdit.With(example, "customMetadata", "a", "\"b\"");

        ValidationRun.Of(body, IngestionRoute.Events).AssertSingle("/customMetadata", ValidationRules.AdditionalProperties);
    }

    [Fact]
    public void CustomMetadata_ManyBadEntries_AreAllListed()
    {
        var body = JsonEdit.With(JsonEdit.With(TimelineExamples.AdStart, "customMetadata", "n", "1"), "customMetadata", "bad key", "\"x\"");

        var run = ValidationRun.Of(body, IngestionRoute.Events);

        Assert.Equal(
            [("/customMetadata/n", ValidationRules.Type), ("/customMetadata/bad key", ValidationRules.Pattern)],
            run.Errors.Select(e => (e.Pointer, e.Rule)));
    }
}
