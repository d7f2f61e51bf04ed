using System.Text;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Testing;

namespace Playtrail.Core.Tests.Validation;

/// <summary>The size limits of a payload (<see cref="ValidationLimits"/>): each refusal names its limit at the pointer of what broke it.</summary>
public sealed class LimitsTests
{
    private static readonly int MaxLength = ValidationLimits.DefaultMaxStringLength;

    private static string Downloaded(string? extraParams, params string[] more) =>
        "[" + Samples.SessionStart(1_529_997_923_478, downloaded: true, extraParams: extraParams) + string.Concat(more.Select(e => "," + e)) + "]";

    private static string WithMediaName(string name) =>
        Downloaded(null).Replace("\"The Long Flight\"", "\"" + name + "\"", StringComparison.Ordinal);

    [Fact]
    public void MediaName_OfTheLimitInCharacters_IsAccepted_EvenWhenItsBytesAreMore()
    {
        ValidationRun.Of(WithMediaName(new string('é', MaxLength)), IngestionRoute.Downloaded).AssertValid();
        ValidationRun.Of(WithMediaName(string.Concat(Enumerable.Repeat("🎬", MaxLength))), IngestionRoute.Downloaded).AssertValid();
    }

    [Theory]
    [InlineData("x")]
    [InlineData("é")]
    [InlineData("\\u0041")]
    [InlineData("\\ud83c\\udfac")]
    public void MediaName_OneCharacterOverTheLimit_IsRefusedWithMaxLength(string character)
    {
        var run = ValidationRun.Of(WithMediaName(string.Concat(Enumerable.Repeat(character, MaxLength + 1))), IngestionRoute.Downloaded);

        run.AssertSingle("/0/params/media.name", ValidationRules.MaxLength);
        Assert.Contains(MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapedMediaName_OfTheLimit_IsAccepted()
    {
        ValidationRun.Of(WithMediaName(string.Concat(Enumerable.Repeat("\\ud83c\\udfac", MaxLength))), IngestionRoute.Downloaded).AssertValid();
    }

    [Fact]
    public void CustomMetadataValue_OverTheLimit_IsRefusedAtItsKey()
    {
        var body = Downloaded(null).Replace("\"films\"", "\"" + new string('f', MaxLength + 1) + "\"", StringComparison.Ordinal);

        ValidationRun.Of(body, IngestionRoute.Downloaded).AssertSingle("/0/customMetadata/cms.section", ValidationRules.MaxLength);
    }

    [Fact]
    public void CustomerId_OverTheLimit_IsRefused()
    {
        var body = Downloaded($$$"""
            "visitor.customerIDs": {"crm": {"id": "{{{new string('1', MaxLength + 1)}}}", "authState": 1}}
            """);

        ValidationRun.Of(body, IngestionRoute.Downloaded).AssertSingle("/0/params/visitor.customerIDs/crm/id", ValidationRules.MaxLength);
    }

    [Fact]
    public void QoeErrorId_OverTheLimit_IsRefused()
    {
        var error = $$$"""{"eventType": "error", "playerTime": {"playhead": 1, "ts": 1529997924478}, "qoeData": {"media.qoe.errorID": "{{{new string('e', MaxLength + 1)}}}"}}""";

        ValidationRun.Of(Downloaded(null, error), IngestionRoute.Downloaded).AssertSingle("/1/qoeData/media.qoe.errorID", ValidationRules.MaxLength);
    }

    [Fact]
    public void EventOverTheSizeLimit_StopsTheReadThere_WithMaxEventBytesAndOverLimit()
    {
        var limits = new ValidationLimits { MaxEventBytes = 2048 };
        var large = $$$"""{"eventType": "ping", "playerTime": {"playhead": 1, "ts": 1529997924478}, "customMetadata": {"k": "{{{new string('p', 3000)}}}"}}""";
        // Broken on purpose: were the read to go on, it would report this event too.
        var broken = """{"eventType": "seek"}""";
        var body = Encoding.UTF8.GetBytes(Downloaded(null, large, broken));
        var errors = new ErrorCollector();

        var result = PayloadValidator.Validate(body, IngestionRoute.Downloaded, new List<ParsedEvent>(), errors, limits);

        Assert.False(result.IsValid);
        Assert.True(result.OverLimit);
        var error = Assert.Single(errors.Errors);
        Assert.Equal(("/1", ValidationRules.MaxEventBytes), (error.Pointer, error.Rule));
    }

    [Fact]
    public void SingleEventOverTheSizeLimit_IsOverLimit()
    {
        var errors = new ErrorCollector();
        var body = Encoding.UTF8.GetBytes(Samples.SessionStart(1_529_997_923_478));

        var result = PayloadValidator.Validate(body, IngestionRoute.Sessions, new List<ParsedEvent>(), errors, new ValidationLimits { MaxEventBytes = 100 });

        Assert.True(result.OverLimit);
        Assert.Equal(("", ValidationRules.MaxEventBytes), (errors.Errors[0].Pointer, errors.Errors[0].Rule));
    }

    [Fact]
    public void DownloadedSessionWithMoreEventsThanTheLimit_StopsAtTheFirstExtraEvent()
    {
        var body = Encoding.UTF8.GetBytes(Samples.LongDownloaded(8));
        var events = new List<ParsedEvent>();
        var errors = new ErrorCollector();

        var result = PayloadValidator.Validate(body, IngestionRoute.Downloaded, events, errors, new ValidationLimits { MaxEvents = 5 });

        Assert.True(result.OverLimit);
        Assert.Equal(5, events.Count);
        var error = Assert.Single(errors.Errors);
        Assert.Equal(("/5", ValidationRules.MaxEvents), (error.Pointer, error.Rule));
    }

    [Fact]
    public void DownloadedSessionOfExactlyTheLimit_IsAccepted()
    {
        var body = Encoding.UTF8.GetBytes(Samples.LongDownloaded(5));

        var result = PayloadValidator.Validate(body, IngestionRoute.Downloaded, new List<ParsedEvent>(), new ErrorCollector(), new ValidationLimits { MaxEvents = 5 });

        Assert.True(result.IsValid);
    }
}
