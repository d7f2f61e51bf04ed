using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Testing;

namespace Playtrail.Core.Tests.Validation;

/// <summary>
/// Every event form of Adobe's documented timelines (docs/reference/media-collection-api.md#timelines) and the three
/// error forms (docs/reference/media-collection-api.md#error-event) is accepted.
/// </summary>
public sealed class TimelineExamplesTests
{
    public static TheoryData<string> EventExamples => [.. TimelineExamples.SessionEvents.Select(e => e.Name)];

    [Fact]
    public void SessionStartExample_IsValidOnTheSessionsRoute()
    {
        ValidationRun.Of(TimelineExamples.SessionStart, IngestionRoute.Sessions).AssertValid();
    }

    [Theory]
    [MemberData(nameof(EventExamples))]
    public void EventExample_IsValidOnTheEventsRoute(string name)
    {
        var json = TimelineExamples.All.Single(e => e.Name == name).Json;

        ValidationRun.Of(json, IngestionRoute.Events).AssertValid();
    }

    [Fact]
    public void Examples_CoverEveryEventType()
    {
        var types = TimelineExamples.All.Select(e =>
        {
            var run = ValidationRun.Of(e.Json, e.Name == nameof(TimelineExamples.SessionStart) ? IngestionRoute.Sessions : IngestionRoute.Events);
            return Assert.Single(run.Events).Type;
        });

        Assert.Equal(EventTypeNames.All.OrderBy(t => t), types.Distinct().OrderBy(t => t));
    }

    [Fact]
    public void Examples_HaveStrictlyIncreasingTimestamps()
    {
        var timestamps = TimelineExamples.All.Select(e => Assert.Single(ValidationRun.Of("[" + e.Json + "]", IngestionRoute.Sessions).Events).Ts).ToList();

        Assert.Equal(TimelineExamples.StartTs, timestamps[0]);
        Assert.All(timestamps.Zip(timestamps.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} follows {pair.First}"));
    }

    [Fact]
    public void AllExamples_AsOneDownloadedArray_AreValid()
    {
        var run = ValidationRun.Of(TimelineExamples.AsDownloadedArray(), IngestionRoute.Downloaded);

        run.AssertValid();
        Assert.Equal(TimelineExamples.All.Count, run.Events.Count);
    }
}
