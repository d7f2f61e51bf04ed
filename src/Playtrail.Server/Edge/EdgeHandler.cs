using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Playtrail.Core.Edge;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Server.Ingestion;
using Playtrail.Server.Operations;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Edge;

/// <summary>
/// The Media Edge API routes. Each XDM media event is translated into the Media Collection event it stands
/// for, then validated, stored and processed exactly as the Media Collection routes do it, through
/// <see cref="IngestionHandler"/>: one validator, one store, one processor, one set of metrics.
/// </summary>
internal sealed class EdgeHandler(
    IngestionHandler ingestion,
    IOptions<EdgeOptions> edgeOptions,
    IOptions<IngestionOptions> ingestionOptions,
    ServerMetrics metrics,
    ILogger<EdgeHandler> logger)
{
    private const string SessionStartType = "media.sessionStart";
    internal const string DownloadedAction = "downloaded";
    private const int MaxRequestIdLength = 64;
    private const int MaxIdentityLength = 256;

    private readonly EdgeOptions _edge = edgeOptions.Value;
    private readonly IngestionOptions _limits = ingestionOptions.Value;

    /// <summary>
    /// <c>POST /{base}[/{hint}]/v1/interact</c>: the Web SDK's generic route. Each <c>media.sessionStart</c>
    /// starts a session; any other event (a page view, say) is acknowledged and not stored.
    /// </summary>
    public async Task<IResult> InteractAsync(HttpContext context)
    {
        var requestId = RequestIdOf(context.Request);
        var configId = context.Request.Query["configId"].ToString();
        if (_edge.Datastream(configId) is not { } datastream)
        {
            return EdgeAnswers.UnknownDatastream(requestId, configId);
        }

        var (status, body) = await RequestBodyReader.ReadAsync(context.Request, _limits.MaxEventBytes, requireJsonContentType: false, context.RequestAborted)
            .ConfigureAwait(false);
        if (body is null)
        {
            return IngestionHandler.BodyProblem(status, _limits.MaxEventBytes);
        }

        using (body)
        {
            var errors = new ErrorCollector(_limits.MaxErrors);
            using var request = EdgeRequest.Parse(body.Memory, errors);
            if (request is null)
            {
                return Rejected(requestId, "edge request", errors);
            }

            var started = new List<StartedSession>();
            var refused = new List<RefusedEvent>();
            for (var index = 0; index < request.Events.Count; index++)
            {
                if (request.Events[index] is not { } xdm || !IsSessionStart(xdm))
                {
                    continue;
                }

                var answer = await StartSessionAsync(request, xdm, index, datastream, context.RequestAborted).ConfigureAwait(false);
                if (answer.Refusal is { } refusal)
                {
                    return refusal;
                }

                AddOutcome(answer.Value!.Value, index, started, refused);
            }

            return started.Count + refused.Count == 0
                ? EdgeAnswers.Nothing(requestId, request)
                : EdgeAnswers.Sessions(requestId, request, started, refused, StateOf(context, request, datastream));
        }
    }

    /// <summary>
    /// <c>POST /{base}[/{hint}]/va/v1/{action}</c>: one media event whose type is the action (the mobile SDK sends
    /// <c>sessionStart</c> here too), or a whole downloaded session on <c>downloaded</c>.
    /// </summary>
    public async Task<IResult> MediaEventAsync(HttpContext context, string action)
    {
        var requestId = RequestIdOf(context.Request);
        var downloaded = action == DownloadedAction;
        EventType type = default;
        if (!downloaded && (!EventTypeNames.TryParse(action, out type) || type is EventType.StateStart or EventType.StateEnd))
        {
            return EdgeAnswers.NotFound(requestId,
                $"There is no media endpoint '{(action.Length <= 64 ? action : action[..64] + "…")}'; media events go to .../va/v1/<event type>, e.g. va/v1/play.");
        }

        var configId = context.Request.Query["configId"].ToString();
        if (_edge.Datastream(configId) is not { } datastream)
        {
            return EdgeAnswers.UnknownDatastream(requestId, configId);
        }

        var limit = downloaded ? _limits.MaxDownloadedSessionBytes : _limits.MaxEventBytes;
        var (status, body) = await RequestBodyReader.ReadAsync(context.Request, limit, requireJsonContentType: false, context.RequestAborted)
            .ConfigureAwait(false);
        if (body is null)
        {
            return IngestionHandler.BodyProblem(status, limit);
        }

        using (body)
        {
            var errors = new ErrorCollector(_limits.MaxErrors);
            using var request = EdgeRequest.Parse(body.Memory, errors);
            if (request is null)
            {
                return Rejected(requestId, "edge request", errors);
            }

            if (downloaded)
            {
                return await DownloadedAsync(context, requestId, request, datastream).ConfigureAwait(false);
            }

            if (request.Events.Count > 1)
            {
                errors.Add("/events", EdgeRules.MaxItems, $"va/v1/{action} takes exactly one event; this request holds {request.Events.Count}.");
                return Rejected(requestId, "edge event", errors);
            }

            if (request.Events[0] is not { } xdm)
            {
                errors.Add("/events/0/xdm", ValidationRules.Required, "The event needs its xdm object.");
                return Rejected(requestId, "edge event", errors);
            }

            return type == EventType.SessionStart
                ? await SessionStartAsync(context, requestId, request, xdm, datastream).ConfigureAwait(false)
                : await SessionEventAsync(context, requestId, request, xdm, type, datastream).ConfigureAwait(false);
        }
    }

    private async Task<IResult> SessionStartAsync(HttpContext context, string requestId, EdgeRequest request, JsonElement xdm, EdgeDatastream datastream)
    {
        var answer = await StartSessionAsync(request, xdm, 0, datastream, context.RequestAborted).ConfigureAwait(false);
        if (answer.Refusal is { } refusal)
        {
            return refusal;
        }

        var started = new List<StartedSession>(1);
        var refused = new List<RefusedEvent>(1);
        AddOutcome(answer.Value!.Value, 0, started, refused);
        return EdgeAnswers.Sessions(requestId, request, started, refused, StateOf(context, request, datastream));
    }

    private async Task<IResult> SessionEventAsync(HttpContext context, string requestId, EdgeRequest request, JsonElement xdm, EventType type,
        EdgeDatastream datastream)
    {
        var errors = new ErrorCollector(_limits.MaxErrors);
        var events = new List<ParsedEvent>(1);
        var translated = EdgeTranslator.Translate(xdm, EdgeRequest.XdmPointer(0), EdgeEventForm.Online, datastream, request.VisitorIdFor(xdm), type, errors);
        if (translated is null || !translated.Validate(events, errors))
        {
            return Rejected(requestId, "edge " + type.ToWireName(), errors);
        }

        var sessionId = translated.SessionId!;
        if (!SessionIds.IsWellFormed(sessionId))
        {
            return SessionNotFound(requestId);
        }

        var parsed = events[0];
        var appended = await ingestion.AppendEventAsync(sessionId, parsed, parsed.Json(translated.Json), context.RequestAborted).ConfigureAwait(false);
        return (IResult?)appended.Refusal ?? appended.Value switch
        {
            AppendOutcome.Accepted => TypedResults.NoContent(),
            _ => SessionNotFound(requestId),
        };
    }

    private async Task<IResult> DownloadedAsync(HttpContext context, string requestId, EdgeRequest request, EdgeDatastream datastream)
    {
        var started = new List<StartedSession>();
        var refused = new List<RefusedEvent>();
        for (var index = 0; index < request.Events.Count; index++)
        {
            var errors = new ErrorCollector(_limits.MaxErrors);
            if (request.Events[index] is not { } xdm)
            {
                errors.Add(EdgeRequest.XdmPointer(index), ValidationRules.Required, "The event needs its xdm object.");
                refused.Add(new RefusedEvent(index, [.. errors.Errors]));
                continue;
            }

            var events = new List<ParsedEvent>();
            var session = EdgeTranslator.TranslateDownloaded(xdm, EdgeRequest.XdmPointer(index), datastream, request.VisitorIdFor(xdm), errors);
            if (session is null || !session.Validate(events, errors))
            {
                metrics.PayloadRejected();
                Log.Rejected(logger, "edge downloaded", errors.Errors.Count);
                refused.Add(new RefusedEvent(index, [.. errors.Errors]));
                continue;
            }

            var records = new EventRecord[events.Count];
            for (var i = 0; i < records.Length; i++)
            {
                var parsed = events[i];
                records[i] = new EventRecord(parsed.Type, parsed.Ts, parsed.Playhead, parsed.Json(session.Json));
            }

            // A client that repeats the same upload gets the session it already created, as on /api/v1/downloaded.
            var stored = await ingestion.StoreDownloadedAsync(records, null, SHA256.HashData(session.Json.Span), context.RequestAborted).ConfigureAwait(false);
            if (stored.Refusal is { } refusal)
            {
                return refusal;
            }

            started.Add(new StartedSession(index, stored.Value!.Value.SessionId));
        }

        return EdgeAnswers.Sessions(requestId, request, started, refused, StateOf(context, request, datastream));
    }

    /// <summary>Translates, validates and stores one <c>media.sessionStart</c>, or gives the 503 that refused it.</summary>
    private async Task<StoreAnswer<StartOutcome?>> StartSessionAsync(EdgeRequest request, JsonElement xdm, int index, EdgeDatastream datastream, CancellationToken cancellationToken)
    {
        var errors = new ErrorCollector(_limits.MaxErrors);
        var events = new List<ParsedEvent>(1);
        var translated = EdgeTranslator.Translate(xdm, EdgeRequest.XdmPointer(index), EdgeEventForm.Online, datastream, request.VisitorIdFor(xdm),
            EventType.SessionStart, errors);
        if (translated is null || !translated.Validate(events, errors))
        {
            metrics.PayloadRejected();
            Log.Rejected(logger, "edge sessionStart", errors.Errors.Count);
            return new(new StartOutcome(null, [.. errors.Errors]), null);
        }

        var parsed = events[0];
        var created = await ingestion.CreateOnlineSessionAsync(parsed, parsed.Json(translated.Json), cancellationToken).ConfigureAwait(false);
        return created.Refusal is { } refusal ? new(null, refusal) : new(new StartOutcome(created.Value, null), null);
    }

    private static void AddOutcome(StartOutcome outcome, int index, List<StartedSession> started, List<RefusedEvent> refused)
    {
        if (outcome.SessionId is { } sessionId)
        {
            started.Add(new StartedSession(index, sessionId));
        }
        else
        {
            refused.Add(new RefusedEvent(index, outcome.Errors!));
        }
    }

    /// <summary>A session start's outcome: the new session's id, or the failures of its media event.</summary>
    private readonly record struct StartOutcome(string? SessionId, ValidationError[]? Errors);

    private EdgeAnswer Rejected(string requestId, string kind, ErrorCollector errors)
    {
        metrics.PayloadRejected();
        Log.Rejected(logger, kind, errors.Errors.Count);
        return EdgeAnswers.InvalidRequest(requestId, errors);
    }

    private static EdgeAnswer SessionNotFound(string requestId) =>
        EdgeAnswers.NotFound(requestId,
            "No open session has this sessionID: it is unknown, or it ended, completed or timed out. Start a new session with media.sessionStart.");

    private static bool IsSessionStart(JsonElement xdm) =>
        xdm.ValueKind == JsonValueKind.Object && xdm.TryGetProperty("eventType", out var type) && type.ValueKind == JsonValueKind.String
        && type.ValueEquals(SessionStartType);

    /// <summary>The client's own request id when it sent a sensible one (alloy and the mobile SDK send a UUID), else a new one.</summary>
    private static string RequestIdOf(HttpRequest request)
    {
        var sent = request.Query["requestId"].ToString();
        return sent.Length is > 0 and <= MaxRequestIdLength && sent.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? sent
            : Guid.NewGuid().ToString();
    }

    /// <summary>The identity the client already holds (cookie, or state sent in the body), or a newly minted one.</summary>
    private EdgeState StateOf(HttpContext context, EdgeRequest request, EdgeDatastream datastream)
    {
        var state = new EdgeState(datastream.OrgId, "", _edge.LocationHint);
        var held = context.Request.Cookies[state.IdentityKey]
            ?? request.StateEntries.FirstOrDefault(entry => entry.Key == state.IdentityKey).Value;
        var identity = held is { Length: > 0 and <= MaxIdentityLength } && held.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/' or '=')
            ? held
            : Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        return state with { Identity = identity };
    }
}
