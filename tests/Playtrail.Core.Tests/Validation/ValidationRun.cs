using System.Text;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Tests.Validation;

/// <summary>What <see cref="PayloadValidator.Validate"/> reported for one body.</summary>
internal sealed record ValidationRun(PayloadResult Result, IReadOnlyList<ValidationError> Errors, bool Truncated, IReadOnlyList<ParsedEvent> Events)
{
    public bool IsValid => Result.IsValid;

    /// <summary>Validates <paramref name="json"/> as sent to <paramref name="route"/>.</summary>
    public static ValidationRun Of(string json, IngestionRoute route, int capacity = ErrorCollector.DefaultCapacity) =>
        Of(Encoding.UTF8.GetBytes(json), route, capacity);

    /// <summary>Validates raw bytes as sent to <paramref name="route"/>.</summary>
    public static ValidationRun Of(byte[] body, IngestionRoute route, int capacity = ErrorCollector.DefaultCapacity)
    {
        var events = new List<ParsedEvent>();
        var errors = new ErrorCollector(capacity);
        var result = PayloadValidator.Validate(body, route, events, errors);
        return new ValidationRun(result, [.. errors.Errors], errors.Truncated, events);
    }

    /// <summary>The single failure, asserting there is exactly one.</summary>
    public ValidationError Single()
    {
        Assert.False(IsValid);
        return Assert.Single(Errors);
    }

    /// <summary>Asserts the body was rejected with exactly one failure at <paramref name="pointer"/> breaking <paramref name="rule"/>.</summary>
    public void AssertSingle(string pointer, string rule)
    {
        Assert.False(IsValid, "expected a failure");
        var error = Assert.Single(Errors);
        Assert.Equal((pointer, rule), (error.Pointer, error.Rule));
    }

    /// <summary>Asserts the body was accepted, showing the failures when it was not.</summary>
    public void AssertValid()
    {
        Assert.True(IsValid, "unexpected failures:\n" + string.Join("\n", Errors.Select(e => $"{e.Pointer} [{e.Rule}] {e.Message}")));
        Assert.Empty(Errors);
    }
}
