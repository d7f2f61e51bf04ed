using System.Text;
using System.Text.Json.Nodes;
using Playtrail.Core.Edge;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Tests.Edge;

public sealed class EdgeDownloadedTests
{
    /// <summary>A downloaded session in the shape of Adobe's <c>/ee/va/v1/downloaded</c> example: start, play, ping, complete.</summary>
    public const string Session = """
        {"events":[{"xdm":{"eventType":"media.downloaded","timestamp":"2026-12-05T10:00:40Z",
          "identityMap":{"ECID":[{"id":"ecid-1","primary":true}]},
          "mediaDownloadedEvents":[
            {"mediaEventTimestamp":"2026-12-05T10:00:00+00:00","mediaEventType":"media.sessionStart",
             "mediaCollection":{"playhead":0,"sessionDetails":{"name":"offline-1","friendlyName":"Offline one","playerName":"sample-player",
               "contentType":"VOD","length":30,"channel":"sample-channel"}}},
            {"mediaEventTimestamp":"2026-12-05T10:00:01+00:00","mediaEventType":"media.play","mediaCollection":{"playhead":0}},
            {"mediaEventTimestamp":"2026-12-05T10:00:11+00:00","mediaEventType":"media.ping","mediaCollection":{"playhead":10}},
            {"mediaEventTimestamp":"2026-12-05T10:00:31+00:00","mediaEventType":"media.sessionComplete","mediaCollection":{"playhead":30}}
          ]}}]}
        """;

    [Fact]
    public void DownloadedSession_TranslatesToADownloadedArray_TheValidatorAccepts()
    {
        var (session, errors) = Translate(Session);

        Assert.Empty(errors);
        var parsed = new List<ParsedEvent>();
        var validationErrors = new ErrorCollector();
        Assert.True(session!.Validate(parsed, validationErrors), string.Join("\n", validationErrors.Errors));
        Assert.Equal([EventType.SessionStart, EventType.Play, EventType.Ping, EventType.SessionComplete], parsed.Select(e => e.Type));
        var array = JsonNode.Parse(Encoding.UTF8.GetString(session.Json.Span))!.AsArray();
        Assert.True((bool?)array[0]!["params"]!["media.downloaded"]);
        Assert.Equal("offline-1", (string?)array[0]!["params"]!["media.id"]);
        Assert.Equal("ecid-1", (string?)array[0]!["params"]!["visitor.marketingCloudUserId"]);
        Assert.Equal(1796464811000, (long?)array[2]!["playerTime"]!["ts"]); // 2026-12-05T10:00:11Z
    }

    [Fact]
    public void DownloadedSession_NotStartingWithSessionStart_NamesTheFirstElementsType()
    {
        var node = JsonNode.Parse(Session)!;
        var events = node["events"]![0]!["xdm"]!["mediaDownloadedEvents"]!.AsArray();
        var start = events[0]!;
        events.RemoveAt(0);
        events.Add(start.DeepClone());

        var errors = Validate(node.ToJsonString());

        Assert.Contains(errors, error => error.Pointer == "/events/0/xdm/mediaDownloadedEvents/0/mediaEventType" && error.Rule == ValidationRules.FirstEvent);
    }

    [Fact]
    public void DownloadedElement_WithoutPlayhead_IsNamedByItsIndex()
    {
        var errors = Validate(Session.Replace("\"mediaCollection\":{\"playhead\":10}", "\"mediaCollection\":{}", StringComparison.Ordinal));

        var error = Assert.Single(errors);
        Assert.Equal(("/events/0/xdm/mediaDownloadedEvents/2/mediaCollection/playhead", ValidationRules.Required), (error.Pointer, error.Rule));
    }

    [Fact]
    public void DownloadedEvent_OfAnotherType_IsRefused()
    {
        var (session, errors) = Translate(Session.Replace("\"eventType\":\"media.downloaded\"", "\"eventType\":\"media.sessionStart\"", StringComparison.Ordinal));

        Assert.Null(session);
        Assert.Equal(("/events/0/xdm/eventType", ValidationRules.Route), (errors[0].Pointer, errors[0].Rule));
    }

    [Fact]
    public void DownloadedEvent_WithEmptyEvents_IsRefused()
    {
        var (session, errors) = Translate("""{"events":[{"xdm":{"eventType":"media.downloaded","mediaDownloadedEvents":[]}}]}""");

        Assert.Null(session);
        Assert.Equal(("/events/0/xdm/mediaDownloadedEvents", ValidationRules.MinItems), (errors[0].Pointer, errors[0].Rule));
    }

    private static IReadOnlyList<ValidationError> Validate(string body)
    {
        var (session, errors) = Translate(body);
        if (session is null)
        {
            return errors;
        }

        var collector = new ErrorCollector();
        session.Validate([], collector);
        return [.. collector.Errors];
    }

    private static (EdgeDownloadedSession? Session, IReadOnlyList<ValidationError> Errors) Translate(string body)
    {
        var errors = new ErrorCollector();
        using var request = EdgeRequest.Parse(Encoding.UTF8.GetBytes(body), errors)!;
        var xdm = request.Events[0]!.Value;
        var session = EdgeTranslator.TranslateDownloaded(xdm, EdgeRequest.XdmPointer(0), EdgeTranslation.Datastream, request.VisitorIdFor(xdm), errors);
        return (session, [.. errors.Errors]);
    }
}
