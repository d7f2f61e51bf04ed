using System.Text;
using Playtrail.Core.Events;
using Playtrail.Core.Processing;
using Playtrail.Core.Validation;
using Playtrail.Storage.Sessions;
using Playtrail.Testing;

namespace Playtrail.Storage.Tests.Reporting;

/// <summary>
/// Real sessions, read through the ingestion validator and processed by the real processor, with the row the store
/// would hold for each: the seed sample, the timeline examples, long sessions, timeouts, a drop before start, events
/// after the close. <c>day0</c> … <c>day9</c> are 20-event downloaded sessions on consecutive days.
/// </summary>
internal static class RealSessions
{
    public static readonly DateTimeOffset ReceivedAt = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<string> Names { get; } = ["seed", "timelines", "long", "timelinesOnlineIdle", "droppedBeforeStart", "afterClose", "stalled"];

    /// <summary>A real session, processed, with the row the store would hold for it.</summary>
    public static (SessionRow Row, SessionReport Report) Process(string name)
    {
        const long Ts = 1_700_000_000_000;
        var (events, downloaded, close, closeReason) = name switch
        {
            _ when name.StartsWith("day", StringComparison.Ordinal) => (Downloaded(Samples.LongDownloaded(20, Ts + (int.Parse(name[3..], System.Globalization.CultureInfo.InvariantCulture) * 86_400_000L))),
                true, SessionCloseKind.EndOfArray, "complete"),
            "seed" => (Downloaded(Samples.SeedDownloaded()), true, SessionCloseKind.EndOfArray, "complete"),
            "timelines" => (Downloaded(TimelineExamples.AsDownloadedArray()), true, SessionCloseKind.EndOfArray, "complete"),
            "long" => (Downloaded(Samples.LongDownloaded(500)), true, SessionCloseKind.EndOfArray, "complete"),
            "timelinesOnlineIdle" => (Online([.. TimelineExamples.All.Take(20).Select(example => example.Json)]), false, SessionCloseKind.Idle, "idle"),
            "droppedBeforeStart" => (Online([Samples.SessionStart(Ts), Samples.Event("sessionEnd", 0, Ts + 5_000)]), false, SessionCloseKind.End, "end"),
            "afterClose" => (Downloaded("[" + string.Join(",", Samples.SessionStart(Ts, downloaded: true), Samples.Event("play", 0, Ts + 1_000),
                Samples.Event("sessionComplete", 5, Ts + 6_000), Samples.Event("ping", 6, Ts + 7_000)) + "]"), true, SessionCloseKind.EndOfArray, "complete"),
            _ => (Online([Samples.SessionStart(Ts), Samples.Event("play", 0, Ts + 1_000), Samples.Event("ping", 10, Ts + 11_000),
                Samples.Event("ping", 10, Ts + 21_000)]), false, SessionCloseKind.Stall, "stall"),
        };
        var report = SessionProcessor.Process(events, new SessionContext(SessionId(name), downloaded, close, close == SessionCloseKind.Idle ? 600 : null));
        var start = SessionStartSummary.Read(events[0].Json.Span);
        var reason = CloseReasonText.Parse(closeReason);
        var row = new SessionRow(SessionId(name), CloseReasonText.StatusOf(reason), downloaded, start, report.FirstEventTs, report.LastEventTs, report.EventCount,
            ReceivedAt, ReceivedAt, ReceivedAt.AddMinutes(10), reason);
        return (row, report);
    }

    /// <summary>A 64-hex-character id per session name.</summary>
    public static string SessionId(string name) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    /// <summary>A downloaded array as the downloaded route reads it.</summary>
    private static List<SessionEvent> Downloaded(string array) => Parse(array, IngestionRoute.Downloaded);

    /// <summary>Online events, each validated as its own request (the first on the sessions route).</summary>
    private static List<SessionEvent> Online(string[] events) =>
        [.. events.SelectMany((json, i) => Parse(json, i == 0 ? IngestionRoute.Sessions : IngestionRoute.Events))];

    private static List<SessionEvent> Parse(string json, IngestionRoute route)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var parsed = new List<ParsedEvent>();
        var errors = new ErrorCollector();
        Assert.True(PayloadValidator.Validate(body, route, parsed, errors).IsValid, string.Join("; ", errors.Errors.Select(error => error.Message)));
        return parsed.ConvertAll(parsedEvent => new SessionEvent(parsedEvent.Type, parsedEvent.Ts, parsedEvent.Playhead, parsedEvent.Json(body)));
    }
}
