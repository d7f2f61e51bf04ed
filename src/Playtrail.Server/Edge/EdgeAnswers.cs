using System.Globalization;
using System.Text.Json;
using Playtrail.Core.Edge;
using Playtrail.Core.Validation;

namespace Playtrail.Server.Edge;

/// <summary>A media event of a request that started a session.</summary>
/// <param name="EventIndex">Its index in the request's <c>events</c>.</param>
/// <param name="SessionId">The new session's id.</param>
internal sealed record StartedSession(int EventIndex, string SessionId);

/// <summary>A media event of a request that was refused while the request as a whole was accepted.</summary>
/// <param name="EventIndex">Its index in the request's <c>events</c>.</param>
/// <param name="Errors">Its failures, with pointers into the request body.</param>
internal sealed record RefusedEvent(int EventIndex, IReadOnlyList<ValidationError> Errors);

/// <summary>The identity and cluster state the client keeps as first-party cookies (a <c>state:store</c> handle).</summary>
/// <param name="OrgId">The datastream's organisation, which names the cookies.</param>
/// <param name="Identity">The client's identity value, kept or newly minted.</param>
/// <param name="LocationHint">The cluster (location hint) this server hands out.</param>
internal sealed record EdgeState(string OrgId, string Identity, string LocationHint)
{
    public string IdentityKey => CookiePrefix(OrgId) + "_identity";

    public string ClusterKey => CookiePrefix(OrgId) + "_cluster";

    /// <summary><c>kndctr_</c> and the org id with its <c>@</c> written as <c>_</c>, as Edge clients name their cookies.</summary>
    private static string CookiePrefix(string orgId) => "kndctr_" + orgId.Replace('@', '_');
}

/// <summary>The bodies of the Edge routes' answers, in the shapes Edge Network clients read.</summary>
internal static class EdgeAnswers
{
    public const string InvalidRequestType = "https://ns.adobe.com/aep/errors/va-edge-0400-400";
    public const string NotFoundType = "https://ns.adobe.com/aep/errors/va-edge-0404-404";
    public const string UnknownDatastreamType = "https://ns.adobe.com/aep/errors/EXEG-0003-400";

    /// <summary>How long the identity cookie lives: 395 days, as Edge clients expect.</summary>
    private const int IdentityMaxAgeSeconds = 34_128_000;

    /// <summary>How long a location hint holds: 30 minutes.</summary>
    private const int ClusterMaxAgeSeconds = 1_800;

    /// <summary>A request with nothing for Playtrail in it (a page view, say): acknowledged with an empty handle.</summary>
    public static EdgeAnswer Nothing(string requestId, EdgeRequest? request) =>
        EdgeAnswer.Success(StatusCodes.Status200OK, request, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("requestId", requestId);
            writer.WriteStartArray("handle");
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    /// <summary>
    /// The answer to a request holding session starts (or downloaded sessions): 200 with a
    /// <c>media-analytics:new-session</c> handle per started session, the location hint and the client state;
    /// 207 with <c>errors</c> when some media events were refused.
    /// </summary>
    public static EdgeAnswer Sessions(string requestId, EdgeRequest request, IReadOnlyList<StartedSession> started, IReadOnlyList<RefusedEvent> refused,
        EdgeState state) =>
        EdgeAnswer.Success(refused.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status207MultiStatus, request, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("requestId", requestId);
            writer.WriteStartArray("handle");
            foreach (var session in started)
            {
                writer.WriteStartObject();
                writer.WriteStartArray("payload");
                writer.WriteStartObject();
                writer.WriteString("sessionId", session.SessionId);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteString("type", "media-analytics:new-session");
                writer.WriteNumber("eventIndex", session.EventIndex);
                writer.WriteEndObject();
            }

            WriteLocationHint(writer, state);
            WriteStateStore(writer, state);
            writer.WriteEndArray();
            if (refused.Count > 0)
            {
                writer.WriteStartArray("errors");
                foreach (var refusedEvent in refused)
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", InvalidRequestType);
                    writer.WriteNumber("status", StatusCodes.Status400BadRequest);
                    writer.WriteString("title", "Invalid request");
                    writer.WriteStartObject("report");
                    writer.WriteNumber("eventIndex", refusedEvent.EventIndex);
                    WriteDetails(writer, refusedEvent.Errors, EventPrefix(refusedEvent.EventIndex));
                    writer.WriteEndObject();
                    WriteErrors(writer, refusedEvent.Errors);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        });

    /// <summary>400 for a request or media event that breaks a rule: every failure by Edge path, and by JSON pointer and rule.</summary>
    public static EdgeAnswer InvalidRequest(string requestId, ErrorCollector errors) =>
        EdgeAnswer.Problem(StatusCodes.Status400BadRequest, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", InvalidRequestType);
            writer.WriteNumber("status", StatusCodes.Status400BadRequest);
            writer.WriteString("title", "Bad Request");
            writer.WriteString("detail", errors.Errors.Count == 1
                ? "The request breaks a rule; see report.details and errors."
                : string.Create(CultureInfo.InvariantCulture, $"The request breaks {errors.Errors.Count} rules; see report.details and errors."));
            writer.WriteStartObject("report");
            writer.WriteString("requestId", requestId);
            WriteDetails(writer, errors.Errors, "");
            writer.WriteEndObject();
            WriteErrors(writer, errors.Errors);
            if (errors.Truncated)
            {
                writer.WriteBoolean("truncated", true);
            }

            writer.WriteEndObject();
        });

    /// <summary>404 for an unknown route or session; an unknown, ended, completed or timed-out session all answer this.</summary>
    public static EdgeAnswer NotFound(string requestId, string detail) =>
        EdgeAnswer.Problem(StatusCodes.Status404NotFound, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", NotFoundType);
            writer.WriteNumber("status", StatusCodes.Status404NotFound);
            writer.WriteString("title", "Not Found");
            writer.WriteString("detail", detail);
            writer.WriteStartObject("report");
            writer.WriteString("requestId", requestId);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    /// <summary>400 <c>EXEG-0003-400</c> for a request whose <c>configId</c> names no configured datastream.</summary>
    public static EdgeAnswer UnknownDatastream(string requestId, string? configId) =>
        EdgeAnswer.Problem(StatusCodes.Status400BadRequest, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", UnknownDatastreamType);
            writer.WriteNumber("status", StatusCodes.Status400BadRequest);
            writer.WriteString("title", "Invalid datastream ID");
            writer.WriteString("detail", string.IsNullOrEmpty(configId)
                ? "The request has no configId query parameter; Edge requests name their datastream with ?configId=."
                : $"No datastream '{(configId.Length <= 64 ? configId : configId[..64] + "…")}' is configured on this server (Edge:Datastreams).");
            writer.WriteStartObject("report");
            writer.WriteString("requestId", requestId);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    private static string EventPrefix(int eventIndex) => "/events/" + eventIndex.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes <c>details: [{ name, reason }]</c>, naming fields as Edge does (<c>$.events[0].xdm…</c>), relative to <paramref name="prefix"/>.</summary>
    private static void WriteDetails(Utf8JsonWriter writer, IReadOnlyList<ValidationError> errors, string prefix)
    {
        writer.WriteStartArray("details");
        foreach (var error in errors)
        {
            var pointer = prefix.Length > 0 && error.Pointer.StartsWith(prefix, StringComparison.Ordinal) ? error.Pointer[prefix.Length..] : error.Pointer;
            writer.WriteStartObject();
            writer.WriteString("name", EdgeRequest.ToJsonPath(pointer));
            writer.WriteString("reason", error.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes Playtrail's own <c>errors: [{ pointer, rule, message }]</c>, pointers into the request body.</summary>
    private static void WriteErrors(Utf8JsonWriter writer, IReadOnlyList<ValidationError> errors)
    {
        writer.WriteStartArray("errors");
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("pointer", error.Pointer);
            writer.WriteString("rule", error.Rule);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteLocationHint(Utf8JsonWriter writer, EdgeState state)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "locationHint:result");
        writer.WriteStartArray("payload");
        writer.WriteStartObject();
        writer.WriteString("scope", "EdgeNetwork");
        writer.WriteString("hint", state.LocationHint);
        writer.WriteNumber("ttlSeconds", ClusterMaxAgeSeconds);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteStateStore(Utf8JsonWriter writer, EdgeState state)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "state:store");
        writer.WriteStartArray("payload");
        WriteEntry(writer, state.IdentityKey, state.Identity, IdentityMaxAgeSeconds);
        WriteEntry(writer, state.ClusterKey, state.LocationHint, ClusterMaxAgeSeconds);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter writer, string key, string value, int maxAge)
    {
        writer.WriteStartObject();
        writer.WriteString("key", key);
        writer.WriteString("value", value);
        writer.WriteNumber("maxAge", maxAge);
        writer.WriteStartObject("attrs");
        writer.WriteString("SameSite", "None");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
