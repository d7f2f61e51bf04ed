using System.Net;
using System.Text.Json;

namespace Playtrail.Client.Tests.Online;

public sealed class OnlineTrackingTests
{
    private static PlaytrailClient Client(Uri server, RecordingHandler handler)
    {
        var options = TestTrackers.Options(server);
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(100);
        return new PlaytrailClient(options, connectivityProbe: new AlwaysOnline(), httpHandler: handler);
    }

    private static Task<IReadOnlyList<Exchange>> WaitForAsync(RecordingHandler handler, Func<IReadOnlyList<Exchange>, bool> done) =>
        Eventually.WaitAsync(() => Task.FromResult(handler.Exchanges), done);

    private static async Task<JsonElement> ReportAsync(ServerInstance server, string sessionId) =>
        JsonDocument.Parse(await server.Client.GetStringAsync($"/api/v1/sessions/{sessionId}")).RootElement.Clone();

    private static string SessionIdOf(Exchange created) => created.Location!["/api/v1/sessions/".Length..];

    [Fact]
    public async Task AFullSession_ArrivesAndTheServerReportsItCompleted()
    {
        await using var server = await ServerInstance.StartAsync();
        using var handler = new RecordingHandler();
        await using var client = Client(server.BaseAddress, handler);
        var tracker = client.CreateTracker();

        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackAdBreakStart(new AdBreakInfo(0, 0, "pre-roll"));
        tracker.TrackAdStart(new AdInfo("ad-1", 15, 1));
        tracker.TrackAdComplete();
        tracker.TrackAdBreakComplete();
        tracker.TrackPlay();
        tracker.TrackChapterStart(new ChapterInfo(1, 0, 900, "Opening"));
        tracker.UpdatePlayhead(600);
        tracker.TrackChapterComplete();
        tracker.TrackPause();
        tracker.TrackPlay();
        tracker.UpdatePlayhead(1800);
        tracker.TrackComplete();

        var exchanges = await WaitForAsync(handler, list => list.Any(e => e.EventType == "sessionComplete"));
        Assert.Equal(11, exchanges.Count);
        Assert.Equal(1, handler.MaxInFlight);
        Assert.All(exchanges.Skip(1), exchange => Assert.Equal(204, exchange.Status));
        var sessionId = SessionIdOf(exchanges[0]);
        var report = await Eventually.WaitAsync(() => ReportAsync(server, sessionId), r => r.GetProperty("status").GetString() == "completed");
        Assert.Equal("completed", report.GetProperty("status").GetString());
        Assert.Equal(11, report.GetProperty("eventCount").GetInt32());
        Assert.Equal(0, report.GetProperty("ignoredEvents").GetArrayLength());
        Assert.Equal(1, report.GetProperty("metrics").GetProperty("ads").GetArrayLength());
        Assert.Equal(1, report.GetProperty("metrics").GetProperty("chapters").GetArrayLength());
        Assert.Equal(11, client.Diagnostics.EventsSent);
        Assert.Equal(0, client.Diagnostics.EventsDropped);
    }

    [Fact]
    public async Task EventsTrackedBeforeTheSessionIdArrives_AreSentInOrderAfterIt()
    {
        await using var server = await ServerInstance.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handler = new RecordingHandler { CreateGate = release.Task };
        await using var client = Client(server.BaseAddress, handler);
        var tracker = client.CreateTracker();

        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackPlay();
        tracker.TrackPause();
        tracker.TrackStateStart("mute");
        tracker.TrackPlay();
        // The create is held at the server's door with four events queued behind it; the handler counts every
        // request in flight, so one sent before the 201 shows as two at once whenever it was sent.
        await Eventually.WaitAsync(() => Task.FromResult(handler.Requests), count => count >= 1);
        release.SetResult();

        var exchanges = await WaitForAsync(handler, list => list.Count == 5);
        Assert.Equal(1, handler.MaxInFlight);
        Assert.Equal(["sessionStart", "play", "pauseStart", "stateStart", "play"], exchanges.Select(e => e.EventType));
        Assert.All(exchanges.Skip(1), exchange => Assert.Equal(204, exchange.Status));
    }

    [Fact]
    public async Task ASessionTheServerTimedOut_Answers410_AndANewSessionFlaggedResumeCarriesOn()
    {
        await using var server = await ServerInstance.StartAsync("Sessions:IdleTimeout=00:00:01", "Sessions:SweepInterval=00:00:00.200");
        using var handler = new RecordingHandler();
        await using var client = Client(server.BaseAddress, handler);
        var tracker = client.CreateTracker();
        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackPlay();
        var first = await WaitForAsync(handler, list => list.Count == 2);
        var firstId = SessionIdOf(first[0]);
        await Eventually.WaitAsync(() => ReportAsync(server, firstId), r => r.GetProperty("status").GetString() == "timedOut");

        tracker.UpdatePlayhead(30);
        tracker.TrackPause();

        var exchanges = await WaitForAsync(handler, list => list.Count == 5);
        Assert.Equal([201, 204, 410, 201, 204], exchanges.Select(e => e.Status));
        var resume = exchanges[3].Body;
        Assert.True(resume.GetProperty("params").GetProperty("media.resume").GetBoolean());
        Assert.Equal(30, resume.GetProperty("playerTime").GetProperty("playhead").GetDouble());
        Assert.Equal("pauseStart", exchanges[4].EventType);
        Assert.NotEqual(firstId, SessionIdOf(exchanges[3]));
        Assert.Equal(1, client.Diagnostics.SessionsResumed);
    }

    [Fact]
    public async Task ATransient503_IsRetriedAndTheEventArrives()
    {
        await using var server = await ServerInstance.StartAsync();
        using var handler = new RecordingHandler
        {
            Script = (eventType, number) => number == 2 ? RecordingHandler.Answer(HttpStatusCode.ServiceUnavailable) : null,
        };
        await using var client = Client(server.BaseAddress, handler);
        var tracker = client.CreateTracker();

        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackPlay();

        var exchanges = await WaitForAsync(handler, list => list.Count == 3);
        Assert.Equal([201, 503, 204], exchanges.Select(e => e.Status));
        Assert.Equal(1, client.Diagnostics.EventsRetried);
        Assert.Equal(0, client.Diagnostics.EventsDropped);
    }

    [Fact]
    public async Task A400_IsDroppedAndCounted_AndLaterEventsStillGo()
    {
        await using var server = await ServerInstance.StartAsync();
        using var handler = new RecordingHandler
        {
            Script = (eventType, number) => number == 2
                ? RecordingHandler.Answer(HttpStatusCode.BadRequest, """{"title":"The payload is invalid."}""")
                : null,
        };
        await using var client = Client(server.BaseAddress, handler);
        var tracker = client.CreateTracker();

        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackPlay();
        tracker.TrackPause();

        var exchanges = await WaitForAsync(handler, list => list.Count == 3);
        Assert.Equal([201, 400, 204], exchanges.Select(e => e.Status));
        Assert.Equal(1, client.Diagnostics.DroppedByReason[DropReason.Rejected]);
        Assert.Equal(0, client.Diagnostics.EventsRetried);
    }

    [Fact]
    public async Task AnUnreachableServer_NeverThrows_AndEveryEventIsAccountedFor()
    {
        var options = TestTrackers.Options(new Uri("http://127.0.0.1:1/"));
        options.MaxRetries = 1;
        options.RetryBaseDelay = TimeSpan.Zero;
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(10);
        await using var client = new PlaytrailClient(options, connectivityProbe: new AlwaysOnline());
        var tracker = client.CreateTracker();

        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackPlay();
        tracker.TrackPause();
        tracker.TrackSessionEnd();

        var dropped = await Eventually.WaitAsync(() => Task.FromResult(client.Diagnostics.EventsDropped), count => count == 4);
        Assert.Equal(4, dropped);
        Assert.Equal(1, client.Diagnostics.DroppedByReason[DropReason.RetriesExhausted]);
        Assert.Equal(3, client.Diagnostics.DroppedByReason[DropReason.NoSession]);
        Assert.NotNull(client.Diagnostics.LastError);
    }
}
