using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Testing;

namespace Playtrail.Core.Tests.Validation;

/// <summary>
/// The payload-structure rules of docs/decisions/0001-ingestion-routes.md,
/// docs/decisions/0004-downloaded-flag-per-route.md and docs/decisions/0008-structure-rules-and-repairs.md: which route
/// takes which shape, and the downloaded array's rules.
/// </summary>
public sealed class PayloadStructureTests
{
    private static readonly string Play = Samples.Event("play", 0, 1529997928174);

    [Fact]
    public void SeedDownloaded_OnSessionsRoute_IsValidWithEveryEventInOrder()
    {
        var run = ValidationRun.Of(Samples.SeedDownloaded(), IngestionRoute.Sessions);

        run.AssertValid();
        Assert.Equal(PayloadShape.Session, run.Result.Shape);
        Assert.Equal(
            [EventType.SessionStart, EventType.Play, EventType.Ping, EventType.Ping, EventType.Ping, EventType.SessionComplete],
            run.Events.Select(e => e.Type));
        Assert.Equal([1529997923478, 1529997928174, 1529997937503, 1529997947533, 1529997957545, 1529997960559], run.Events.Select(e => e.Ts));
        Assert.Equal([0d, 0, 10, 20, 30, 35], run.Events.Select(e => e.Playhead));
        Assert.True(run.Events[0].Downloaded);
    }

    [Fact]
    public void SeedDownloaded_OnDownloadedRoute_IsValid()
    {
        var run = ValidationRun.Of(Samples.SeedDownloaded(), IngestionRoute.Downloaded);

        run.AssertValid();
        Assert.Equal(6, run.Events.Count);
    }

    [Fact]
    public void ParsedEvents_PointAtEachEventsOwnJson()
    {
        var body = System.Text.Encoding.UTF8.GetBytes(Samples.SeedDownloaded());

        var run = ValidationRun.Of(body, IngestionRoute.Downloaded);

        run.AssertValid();
        var last = run.Events[^1].Json(body);
        Assert.Equal(
            """{"eventType": "sessionComplete", "playerTime": {"playhead": 35, "ts": 1529997960559}}""",
            System.Text.Encoding.UTF8.GetString(last.Span));
    }

    [Fact]
    public void DownloadedArray_OnSessionsRouteWithoutDownloadedFlag_FailsWithDownloadedRequired()
    {
        var run = ValidationRun.Of(Samples.SeedDownloaded(withDownloadedFlag: false), IngestionRoute.Sessions);

        run.AssertSingle("/0/params/media.downloaded", ValidationRules.DownloadedRequired);
    }

    [Fact]
    public void DownloadedArray_OnSessionsRouteWithDownloadedFalse_FailsWithDownloadedRequired()
    {
        var body = "[" + Samples.SessionStart(1529997923478, downloaded: false) + "," + Play + "]";

        var run = ValidationRun.Of(body, IngestionRoute.Sessions);

        run.AssertSingle("/0/params/media.downloaded", ValidationRules.DownloadedRequired);
    }

    [Fact]
    public void DownloadedArray_OnDownloadedRouteWithoutDownloadedFlag_IsValid()
    {
        ValidationRun.Of(Samples.SeedDownloaded(withDownloadedFlag: false), IngestionRoute.Downloaded).AssertValid();
    }

    [Fact]
    public void DownloadedArray_OnDownloadedRouteWithDownloadedFalse_FailsWithDownloadedRequired()
    {
        var body = "[" + Samples.SessionStart(1529997923478, downloaded: false) + "," + Play + "]";

        var run = ValidationRun.Of(body, IngestionRoute.Downloaded);

        run.AssertSingle("/0/params/media.downloaded", ValidationRules.DownloadedRequired);
    }

    [Fact]
    public void LiveSessionStart_WithDownloadedTrue_FailsWithDownloadedOnLive()
    {
        var run = ValidationRun.Of(Samples.SessionStart(1529997923478, downloaded: true), IngestionRoute.Sessions);

        run.AssertSingle("/params/media.downloaded", ValidationRules.DownloadedOnLive);
    }

    [Fact]
    public void LiveSessionStart_WithDownloadedFalse_IsValid()
    {
        ValidationRun.Of(Samples.SessionStart(1529997923478, downloaded: false), IngestionRoute.Sessions).AssertValid();
    }

    [Fact]
    public void LiveSessionStart_OnSessionsRoute_IsValidAsOneEvent()
    {
        var run = ValidationRun.Of(Samples.SessionStart(1529997923478), IngestionRoute.Sessions);

        run.AssertValid();
        Assert.Equal(PayloadShape.Event, run.Result.Shape);
        var start = Assert.Single(run.Events);
        Assert.Equal((EventType.SessionStart, 1529997923478L, (bool?)null), (start.Type, start.Ts, start.Downloaded));
    }

    [Fact]
    public void DownloadedArray_WithoutAnySessionStart_FailsWithFirstEvent()
    {
        var body = "[" + Play + "," + Samples.Event("ping", 10, 1529997938000) + "]";

        ValidationRun.Of(body, IngestionRoute.Downloaded).AssertSingle("/0/eventType", ValidationRules.FirstEvent);
    }

    [Fact]
    public void DownloadedArray_WhoseFirstElementIsNotSessionStart_FailsWithFirstEvent()
    {
        var body = "[" + Play + "," + Samples.SessionStart(1529997923478, downloaded: true) + "]";

        var run = ValidationRun.Of(body, IngestionRoute.Downloaded);

        Assert.False(run.IsValid);
        Assert.Equal(
            [("/1/eventType", ValidationRules.SingleSessionStart), ("/0/eventType", ValidationRules.FirstEvent)],
            run.Errors.Select(e => (e.Pointer, e.Rule)));
    }

    [Fact]
    public void DownloadedArray_WithTwoSessionStarts_FailsWithSingleSessionStartAtTheSecond()
    {
        var body = "[" + Samples.SessionStart(1529997923478, downloaded: true) + "," + Play + ","
            + Samples.SessionStart(1529997929000, downloaded: true) + "]";

        var run = ValidationRun.Of(body, IngestionRoute.Sessions);

        run.AssertSingle("/2/eventType", ValidationRules.SingleSessionStart);
    }

    [Fact]
    public void EmptyArray_FailsWithMinItems()
    {
        ValidationRun.Of("[]", IngestionRoute.Downloaded).AssertSingle("", ValidationRules.MinItems);
    }

    [Fact]
    public void EmptyArray_OnSessionsRoute_FailsWithMinItems()
    {
        ValidationRun.Of(" [ ] ", IngestionRoute.Sessions).AssertSingle("", ValidationRules.MinItems);
    }

    [Fact]
    public void LongDownloaded_WithOneBadTimestamp_ReportsExactlyThatElement()
    {
        var events = Samples.LongDownloaded(500);
        var bad = Samples.Event("ping", 3160, 1529997923478 + 1000 + (316 * 10_000));
        Assert.Contains(bad, events, StringComparison.Ordinal);
        var body = events.Replace(bad, bad.Replace("\"ts\": ", "\"ts\": \"", StringComparison.Ordinal).Replace("}}", "\"}}", StringComparison.Ordinal), StringComparison.Ordinal);

        var run = ValidationRun.Of(body, IngestionRoute.Sessions);

        run.AssertSingle("/317/playerTime/ts", ValidationRules.Type);
        Assert.Equal(500, run.Events.Count);
    }

    [Fact]
    public void LongDownloaded_IsValidWithEveryEvent()
    {
        var run = ValidationRun.Of(Samples.LongDownloaded(500), IngestionRoute.Sessions);

        run.AssertValid();
        Assert.Equal(500, run.Events.Count);
    }

    [Fact]
    public void ArrayElement_ThatIsNotAnObject_FailsWithTypeAtItsIndex()
    {
        var body = "[" + Samples.SessionStart(1529997923478, downloaded: true) + ", 42]";

        ValidationRun.Of(body, IngestionRoute.Downloaded).AssertSingle("/1", ValidationRules.Type);
    }

    [Fact]
    public void SingleObject_OnDownloadedRoute_FailsWithType()
    {
        ValidationRun.Of(Samples.SessionStart(1529997923478), IngestionRoute.Downloaded).AssertSingle("", ValidationRules.Type);
    }

    [Fact]
    public void Array_OnEventsRoute_FailsWithType()
    {
        ValidationRun.Of(Samples.SeedDownloaded(), IngestionRoute.Events).AssertSingle("", ValidationRules.Type);
    }

    [Fact]
    public void SessionStart_OnEventsRoute_FailsWithRoute()
    {
        ValidationRun.Of(Samples.SessionStart(1529997923478), IngestionRoute.Events).AssertSingle("/eventType", ValidationRules.Route);
    }

    [Fact]
    public void Play_OnSessionsRoute_FailsWithRoute()
    {
        ValidationRun.Of(Play, IngestionRoute.Sessions).AssertSingle("/eventType", ValidationRules.Route);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"play\"")]
    [InlineData("null")]
    public void BodyThatIsNeitherObjectNorArray_FailsWithType(string body)
    {
        ValidationRun.Of(body, IngestionRoute.Sessions).AssertSingle("", ValidationRules.Type);
    }

    [Fact]
    public void OrderingProblemsInsideAValidArray_AreNotRejected()
    {
        // docs/decisions/0008-structure-rules-and-repairs.md: an adStart outside a break or an event after sessionEnd
        // is repaired by processing, not refused.
        var body = "[" + Samples.SessionStart(1529997923478, downloaded: true) + ","
            + Samples.Event("sessionEnd", 0, 1529997923500) + ","
            + TimelineExamples.SecondAdStart + "]";

        ValidationRun.Of(body, IngestionRoute.Sessions).AssertValid();
    }
}
