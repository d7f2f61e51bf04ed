using System.Text;
using Playtrail.Core.Processing;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Turns event JSON into the processor's input through the real ingestion path, so every hand-built session is also
/// checked to be valid: a downloaded array as the downloaded route reads it, online events one request at a time.
/// </summary>
internal static class SessionEvents
{
    public const string SessionId = "5e551011d0000000000000000000000000000000000000000000000000000001";

    /// <summary>The events of a downloaded array, in array order.</summary>
    public static List<SessionEvent> FromDownloaded(string arrayJson)
    {
        var body = Encoding.UTF8.GetBytes(arrayJson);
        var parsed = new List<Events.ParsedEvent>();
        var errors = new ErrorCollector();
        var result = PayloadValidator.Validate(body, IngestionRoute.Downloaded, parsed, errors);
        Assert.True(result.IsValid, string.Join("\n", errors.Errors.Select(e => $"{e.Pointer} [{e.Rule}] {e.Message}")));
        return parsed.ConvertAll(e => new SessionEvent(e.Type, e.Ts, e.Playhead, e.Json(body)));
    }

    /// <summary>Online events in arrival order, each validated as its own request (the first on the sessions route).</summary>
    public static List<SessionEvent> FromOnline(params string[] events) =>
        events.Select((json, i) => Parse(json, i == 0 ? IngestionRoute.Sessions : IngestionRoute.Events)).ToList();

    /// <summary>Downloaded events given one by one.</summary>
    public static List<SessionEvent> FromArrayElements(params string[] events) => FromDownloaded("[" + string.Join(",\n", events) + "]");

    public static SessionReport Online(SessionCloseKind close, params string[] events) =>
        SessionProcessor.Process(FromOnline(events), new SessionContext(SessionId, Downloaded: false, close));

    public static SessionReport Downloaded(params string[] events) =>
        SessionProcessor.Process(FromArrayElements(events), new SessionContext(SessionId, Downloaded: true, SessionCloseKind.EndOfArray));

    private static SessionEvent Parse(string json, IngestionRoute route)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var parsed = new List<Events.ParsedEvent>();
        var errors = new ErrorCollector();
        var result = PayloadValidator.Validate(body, route, parsed, errors);
        Assert.True(result.IsValid, json + "\n" + string.Join("\n", errors.Errors.Select(e => $"{e.Pointer} [{e.Rule}] {e.Message}")));
        var e = Assert.Single(parsed);
        return new SessionEvent(e.Type, e.Ts, e.Playhead, e.Json(body));
    }
}
