using System.Security.Cryptography;
using System.Text;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Storage.Sessions;
using Playtrail.Testing;

namespace Playtrail.Storage.Tests.Sessions;

/// <summary>
/// Builds what the server hands the store: events read by Core's validator from a real body, so each record's
/// JSON is a slice of that body, exactly as in production.
/// </summary>
internal static class StoreInputs
{
    public const long FirstTs = 1529997923478;

    public static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static EventRecord SessionStart(long ts = FirstTs, string? extraParams = null) =>
        Parse(Samples.SessionStart(ts, extraParams: extraParams), IngestionRoute.Sessions)[0];

    public static EventRecord Event(string eventType, double playhead, long ts) =>
        Parse(Samples.Event(eventType, playhead, ts), IngestionRoute.Events)[0];

    public static IReadOnlyList<EventRecord> Downloaded(string arrayBody) => Parse(arrayBody, IngestionRoute.Downloaded);

    public static NewSession OnlineSession(EventRecord sessionStart, DateTimeOffset receivedAt) =>
        new(NewSessionId(), false, SessionStartSummary.Read(sessionStart.Json.Span), receivedAt);

    public static NewSession DownloadedSession(IReadOnlyList<EventRecord> events, DateTimeOffset receivedAt) =>
        new(NewSessionId(), true, SessionStartSummary.Read(events[0].Json.Span), receivedAt);

    public static UploadIdentity Identity(string body, string? idempotencyKey, DateTimeOffset notBefore) =>
        new(idempotencyKey, SHA256.HashData(Encoding.UTF8.GetBytes(body)), notBefore);

    /// <summary>A downloaded body of sessionStart, play, pings and a last event, with ts values unique per <paramref name="firstTs"/>.</summary>
    public static string DownloadedBody(long firstTs = FirstTs, string lastEventType = "sessionComplete", string? extraParams = null) =>
        "[" + string.Join(",",
            Samples.SessionStart(firstTs, downloaded: true, extraParams),
            Samples.Event("play", 0, firstTs + 1_000),
            Samples.Event("ping", 10, firstTs + 11_000),
            Samples.Event("ping", 20, firstTs + 21_000),
            Samples.Event(lastEventType, 25, firstTs + 26_000)) + "]";

    private static List<EventRecord> Parse(string json, IngestionRoute route)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var parsed = new List<ParsedEvent>();
        var errors = new ErrorCollector();
        if (!PayloadValidator.Validate(body, route, parsed, errors).IsValid)
        {
            throw new InvalidOperationException("Test payload is invalid: " + string.Join("; ", errors.Errors));
        }

        return parsed.ConvertAll(parsedEvent => new EventRecord(parsedEvent.Type, parsedEvent.Ts, parsedEvent.Playhead, parsedEvent.Json(body)));
    }
}
