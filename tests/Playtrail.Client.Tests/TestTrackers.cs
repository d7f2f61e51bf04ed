using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Client.Tracking;

namespace Playtrail.Client.Tests;

/// <summary>Trackers wired to a recording sink and a fake clock, and the options every test starts from.</summary>
internal static class TestTrackers
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 16, 0, 0, TimeSpan.Zero);

    public static PlaytrailClientOptions Options(Uri? server = null) => new()
    {
        ServerUrl = server ?? new Uri("http://127.0.0.1:9/"),
        TrackingServer = "example.sc.omtrdc.net",
        ReportSuite = "examplersid",
        OrganizationId = "0123456789ABCDEF@AdobeOrg",
        PlayerName = "test-player",
        Channel = "test-app",
        AppVersion = "1.2.3",
    };

    public static MediaInfo Movie => new("movie-42", 1800, "vod")
    {
        Name = "The Long Flight",
        Show = "Flights",
        Season = "1",
        Episode = "2",
        Genre = "Drama",
        StandardMetadata = new Dictionary<string, string> { ["media.feed"] = "West-HD" },
    };

    public static (MediaTracker Tracker, List<TrackedEvent> Events, FakeTimeProvider Time) Recording(
        bool downloaded = false, PlaytrailClientOptions? options = null)
    {
        var events = new List<TrackedEvent>();
        var time = new FakeTimeProvider(Start);
        var diagnostics = new ClientDiagnostics();
        var core = new TrackerCore(options ?? Options(), time, NullLogger.Instance, diagnostics, () => new RecordingSink(events), downloaded);
        return (new MediaTracker(core, NullLogger.Instance, diagnostics), events, time);
    }

    public static string[] Types(IEnumerable<TrackedEvent> events) => events.Select(e => e.EventType).ToArray();
}
