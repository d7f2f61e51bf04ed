using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Server.Admission;
using Playtrail.Server.Operations;
using Playtrail.Server.Processing;
using Playtrail.Storage;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Ingestion;

/// <summary>
/// The ingestion routes' logic: read the body, validate it against the route's rules, store it, and
/// answer only once the store has committed.
/// </summary>
internal sealed class IngestionHandler(
    ISessionStore store,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ServerMetrics metrics,
    SessionProcessingService processing,
    ClosedSessionQueue closedSessions,
    UploadCounter uploads,
    AdmissionGate admission,
    ILogger<IngestionHandler> logger)
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 255;

    // Space comes back through an operator or retention, not in a second: clients need not knock every second.
    private static readonly TimeSpan StorageFullRetryAfter = TimeSpan.FromSeconds(30);

    private readonly IngestionOptions _options = options.Value;
    private readonly ValidationLimits _limits = options.Value.Limits();

    /// <summary><c>POST /api/v1/sessions</c>: a <c>sessionStart</c> object, or a legacy downloaded array.</summary>
    public Task<IResult> PostSessionsAsync(HttpContext context)
    {
        // A body larger than one event can only be a (legacy) downloaded array: it counts as an upload.
        var kind = context.Request.ContentLength > _options.MaxEventBytes ? AdmissionKind.Upload : AdmissionKind.Event;
        return AdmittedAsync(kind, context, StartOrUploadAsync);
    }

    /// <summary><c>POST /api/v1/downloaded</c>: a whole downloaded session.</summary>
    public Task<IResult> PostDownloadedAsync(HttpContext context) => AdmittedAsync(AdmissionKind.Upload, context, UploadAsync);

    /// <summary><c>POST /api/v1/sessions/{sid}/events</c>: one event of an open online session.</summary>
    public Task<IResult> PostEventAsync(HttpContext context, string sessionId) =>
        AdmittedAsync(AdmissionKind.Event, context, admitted => AppendAsync(admitted, sessionId));

    /// <summary>
    /// Runs <paramref name="handle"/> if admission control lets the request in (503 at once otherwise). Every write
    /// route, the Media Edge ones included, goes through here.
    /// </summary>
    internal async Task<IResult> AdmittedAsync(AdmissionKind kind, HttpContext context, Func<HttpContext, Task<IResult>> handle)
    {
        if (!admission.TryEnter(kind))
        {
            if (kind == AdmissionKind.Upload)
            {
                CountRefusal(context, "503");
            }

            return Shed();
        }

        try
        {
            return await handle(context).ConfigureAwait(false);
        }
        finally
        {
            admission.Leave(kind);
        }
    }

    private async Task<IResult> StartOrUploadAsync(HttpContext context)
    {
        if (ValidateFlag.Read(context.Request) is null)
        {
            return BadValidateFlag();
        }

        var limit = Math.Max(_options.MaxEventBytes, _options.MaxDownloadedSessionBytes);
        var (status, body) = await RequestBodyReader.ReadAsync(context.Request, limit, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return BodyProblem(status, limit);
        }

        using (body)
        {
            if (body.FirstSignificantByte() == (byte)'[')
            {
                return await IngestDownloadedAsync(context, body, IngestionRoute.Sessions).ConfigureAwait(false);
            }

            if (body.Length > _options.MaxEventBytes)
            {
                return BodyProblem(BodyReadStatus.TooLarge, _options.MaxEventBytes);
            }

            return await StartOnlineSessionAsync(context, body).ConfigureAwait(false);
        }
    }

    private async Task<IResult> UploadAsync(HttpContext context)
    {
        if (ValidateFlag.Read(context.Request) is null)
        {
            return BadValidateFlag();
        }

        var (status, body) = await RequestBodyReader.ReadAsync(context.Request, _options.MaxDownloadedSessionBytes, context.RequestAborted)
            .ConfigureAwait(false);
        if (body is null)
        {
            var problem = BodyProblem(status, _options.MaxDownloadedSessionBytes);
            CountRefusal(context, RefusalReason(problem));
            return problem;
        }

        using (body)
        {
            return await IngestDownloadedAsync(context, body, IngestionRoute.Downloaded).ConfigureAwait(false);
        }
    }

    private async Task<IResult> AppendAsync(HttpContext context, string sessionId)
    {
        if (ValidateFlag.Read(context.Request) is null)
        {
            return BadValidateFlag();
        }

        var (status, body) = await RequestBodyReader.ReadAsync(context.Request, _options.MaxEventBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return BodyProblem(status, _options.MaxEventBytes);
        }

        using (body)
        {
            var events = new List<ParsedEvent>(1);
            var errors = new ErrorCollector(_options.MaxErrors);
            var result = PayloadValidator.Validate(body.Span, IngestionRoute.Events, events, errors, _limits);
            if (!result.IsValid)
            {
                metrics.PayloadRejected();
                Log.Rejected(logger, "event", errors.Errors.Count);
                return ProblemResult.Validation(errors, result.OverLimit);
            }

            if (!SessionIds.IsWellFormed(sessionId))
            {
                return UnknownSession();
            }

            if (ValidateOnly(context))
            {
                var row = await store.GetSessionAsync(sessionId, context.RequestAborted).ConfigureAwait(false);
                return row is null ? UnknownSession() : row.Status != SessionStatus.Active ? ClosedSession(row.Status) : TypedResults.NoContent();
            }

            var parsed = events[0];
            var appended = await AppendEventAsync(sessionId, parsed, parsed.Json(body.Memory), context.RequestAborted).ConfigureAwait(false);
            return (IResult?)appended.Refusal ?? appended.Value switch
            {
                AppendOutcome.Accepted => TypedResults.NoContent(),
                AppendOutcome.NotFound => UnknownSession(),
                _ => ClosedSession(null),
            };
        }
    }

    /// <summary>
    /// Stores a validated <c>sessionStart</c> as a new online session and returns its id, or the 503 that refused it
    /// (nothing stored). The Media Collection and Media Edge routes both start sessions through here.
    /// </summary>
    internal async Task<StoreAnswer<string?>> CreateOnlineSessionAsync(ParsedEvent parsed, ReadOnlyMemory<byte> json, CancellationToken requestAborted)
    {
        var now = timeProvider.GetUtcNow();
        var session = new NewSession(SessionIds.New(now), Downloaded: false, SessionStartSummary.Read(json.Span), now);
        using var deadline = admission.Deadline(requestAborted);
        try
        {
            await store.CreateOnlineSessionAsync(session, new EventRecord(parsed.Type, parsed.Ts, parsed.Playhead, json), deadline.Token)
                .ConfigureAwait(false);
            admission.Observe(deadline);
        }
        catch (Exception exception) when (Refusal(exception, deadline, requestAborted) is { } refusal)
        {
            return new(null, refusal);
        }

        metrics.OnlineSessionStarted();
        return new(session.SessionId, null);
    }

    /// <summary>
    /// Appends a validated event to an online session, and processes the session when the event closes it;
    /// null when the store is shedding load. Shared by the Media Collection and Media Edge routes.
    /// </summary>
    internal async Task<StoreAnswer<AppendOutcome>> AppendEventAsync(string sessionId, ParsedEvent parsed, ReadOnlyMemory<byte> json, CancellationToken requestAborted)
    {
        var record = new EventRecord(parsed.Type, parsed.Ts, parsed.Playhead, json);
        AppendOutcome outcome;
        using (var deadline = admission.Deadline(requestAborted))
        {
            try
            {
                outcome = await store.AppendEventAsync(sessionId, record, timeProvider.GetUtcNow(), deadline.Token).ConfigureAwait(false);
                admission.Observe(deadline);
            }
            catch (Exception exception) when (Refusal(exception, deadline, requestAborted) is { } refusal)
            {
                return new(default, refusal);
            }
        }

        if (outcome == AppendOutcome.Accepted)
        {
            metrics.OnlineEventAccepted();
            if (parsed.Type is EventType.SessionEnd or EventType.SessionComplete
                && !(_options.AnswerClosesBeforeProcessing == true && closedSessions.TryQueue(sessionId)))
            {
                await processing.TryProcessClosedAsync(sessionId, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return new(outcome, null);
    }

    /// <summary>
    /// Stores a validated downloaded session (unless the same upload was already stored) and processes it;
    /// or the 503 that refused it (nothing stored). Shared by the Media Collection and Media Edge routes.
    /// </summary>
    internal async Task<StoreAnswer<DownloadedOutcome?>> StoreDownloadedAsync(IReadOnlyList<EventRecord> records, string? idempotencyKey, byte[] bodyHash,
        CancellationToken requestAborted)
    {
        var now = timeProvider.GetUtcNow();
        var session = new NewSession(SessionIds.New(now), Downloaded: true, SessionStartSummary.Read(records[0].Json.Span), now);
        var identity = new UploadIdentity(idempotencyKey, bodyHash, now - _options.IdempotencyWindow);
        DownloadedOutcome outcome;
        using (var deadline = admission.Deadline(requestAborted))
        {
            try
            {
                // A deadline that fires while PostgreSQL commits can leave the outcome unknown and answer 503 for a
                // stored upload; its retry is then recognised by its identity and answered with the same session.
                outcome = await store.CreateDownloadedSessionAsync(session, records, identity, deadline.Token).ConfigureAwait(false);
                admission.Observe(deadline);
            }
            catch (Exception exception) when (Refusal(exception, deadline, requestAborted) is { } refusal)
            {
                uploads.Record(UploadOutcomes.Refused, refusal.Rule == "storageFull" ? "503:storageFull" : "503");
                return new(null, refusal);
            }
        }

        switch (outcome.Kind)
        {
            case DownloadedOutcomeKind.Created:
                uploads.Record(UploadOutcomes.Accepted);
                metrics.DownloadedSessionStored(records.Count);
                Log.DownloadedStored(logger, records.Count);

                // Processed before answering, so the report is there when the client asks; a failure here loses
                // nothing (the session is committed) and the recovery pass retries it. The events just stored are
                // still in the request body, so they are processed from there rather than read back.
                await processing.TryProcessClosedAsync(outcome.SessionId, records, CancellationToken.None).ConfigureAwait(false);
                break;
            case DownloadedOutcomeKind.Duplicate:
                uploads.Record(UploadOutcomes.Repeated);
                metrics.DownloadedUploadRepeated();
                Log.DownloadedRepeated(logger);
                break;
            default:
                uploads.Record(UploadOutcomes.Refused, "422");
                break;
        }

        return new(outcome, null);
    }

    private async Task<IResult> StartOnlineSessionAsync(HttpContext context, RequestBody body)
    {
        var events = new List<ParsedEvent>(1);
        var errors = new ErrorCollector(_options.MaxErrors);
        var result = PayloadValidator.Validate(body.Span, IngestionRoute.Sessions, events, errors, _limits);
        if (!result.IsValid)
        {
            metrics.PayloadRejected();
            Log.Rejected(logger, "sessionStart", errors.Errors.Count);
            return ProblemResult.Validation(errors, result.OverLimit);
        }

        if (ValidateOnly(context))
        {
            return TypedResults.StatusCode(StatusCodes.Status201Created);
        }

        var parsed = events[0];
        var started = await CreateOnlineSessionAsync(parsed, parsed.Json(body.Memory), context.RequestAborted).ConfigureAwait(false);
        return (IResult?)started.Refusal ?? Created(started.Value!);
    }

    private async Task<IResult> IngestDownloadedAsync(HttpContext context, RequestBody body, IngestionRoute route)
    {
        var key = context.Request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > MaxIdempotencyKeyLength || key.AsSpan().ContainsAnyExceptInRange((char)0x21, (char)0x7e))
        {
            CountRefusal(context, "400:idempotencyKey");
            return ProblemResult.Of(StatusCodes.Status400BadRequest, "idempotencyKey", "The Idempotency-Key header is invalid.",
                $"Idempotency-Key must be 1 to {MaxIdempotencyKeyLength} printable ASCII characters without spaces.");
        }

        // Sized for the body (about 100 bytes per event at least), but never past the event limit: a body of few large
        // events must not reserve room for a hundred thousand.
        var events = new List<ParsedEvent>(Math.Min(Math.Max(4, body.Length / 96), _limits.MaxEvents + 1));
        var errors = new ErrorCollector(_options.MaxErrors);
        var result = PayloadValidator.Validate(body.Span, route, events, errors, _limits);
        if (!result.IsValid)
        {
            metrics.PayloadRejected();
            Log.Rejected(logger, "downloaded", errors.Errors.Count);
            var status = result.OverLimit ? "413" : "400";
            CountRefusal(context, errors.Errors.Count > 0 ? status + ":" + errors.Errors[0].Rule : status);
            return ProblemResult.Validation(errors, result.OverLimit);
        }

        if (ValidateOnly(context))
        {
            return TypedResults.StatusCode(StatusCodes.Status201Created);
        }

        var stored = await StoreDownloadedAsync(new UploadedEvents(events, body.Memory), key.Length == 0 ? null : key, SHA256.HashData(body.Span), context.RequestAborted)
            .ConfigureAwait(false);
        if (stored.Refusal is { } refusal)
        {
            return refusal;
        }

        var outcome = stored.Value!.Value;
        switch (outcome.Kind)
        {
            case DownloadedOutcomeKind.Created:
                return Created(outcome.SessionId);
            case DownloadedOutcomeKind.Duplicate:
                context.Response.Headers["Idempotent-Replayed"] = "true";
                return Created(outcome.SessionId);
            default:
                return ProblemResult.Of(StatusCodes.Status422UnprocessableEntity, "idempotencyKeyReuse",
                    "The Idempotency-Key was already used for a different payload.",
                    "Each downloaded session needs its own Idempotency-Key; retries must send the same body as the first attempt.");
        }
    }

    /// <summary>Counts a refused downloaded upload for the reports; a dry run (<c>?validate=true</c>) is not an upload.</summary>
    private void CountRefusal(HttpContext context, string reason)
    {
        if (!ValidateOnly(context))
        {
            uploads.Record(UploadOutcomes.Refused, reason);
        }
    }

    /// <summary>How a refused upload is counted: the status, and for a 400 the rule that failed.</summary>
    private static string RefusalReason(ProblemResult problem) =>
        problem.StatusCode == StatusCodes.Status400BadRequest && problem.Rule is { } rule
            ? "400:" + rule
            : problem.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool ValidateOnly(HttpContext context) => ValidateFlag.Read(context.Request) == true;

    private static Created Created(string sessionId) => TypedResults.Created("/api/v1/sessions/" + sessionId);

    private static ProblemResult BadValidateFlag() =>
        ProblemResult.Of(StatusCodes.Status400BadRequest, "query", "The validate query flag is not a boolean.",
            "Use ?validate=true to check a payload without storing it, or leave the flag out.");

    private static ProblemResult UnknownSession() =>
        ProblemResult.Of(StatusCodes.Status404NotFound, "unknownSession", "The session id is unknown.",
            "No session has this id; start a new session with POST /api/v1/sessions.");

    private static ProblemResult ClosedSession(SessionStatus? status) =>
        ProblemResult.Of(StatusCodes.Status410Gone, "sessionClosed", "The session is closed.",
            (status switch
            {
                SessionStatus.Completed => "The session was completed",
                SessionStatus.Ended => "The session was ended",
                SessionStatus.TimedOut => "The session timed out",
                _ => "The session is closed",
            }) + " and takes no more events; start a new session with POST /api/v1/sessions.");

    /// <summary>
    /// The answer to a write the store refused or never ran, or null when <paramref name="exception"/> is no refusal
    /// (it then propagates): a full queue, a full database, or a latency budget spent waiting in the queue.
    /// </summary>
    private ProblemResult? Refusal(Exception exception, in StoreDeadline deadline, CancellationToken requestAborted)
    {
        switch (exception)
        {
            case StoreOverloadedException:
                return Overloaded();
            case StoreFullException:
                Log.StorageFull(logger);
                return ProblemResult.Of(StatusCodes.Status503ServiceUnavailable, "storageFull", "The server's storage is full.",
                    "The database has no room for this write and nothing was stored; retry after the delay in Retry-After.", StorageFullRetryAfter);
            case OperationCanceledException when !requestAborted.IsCancellationRequested:
                // The store dropped the write unrun when the budget ran out.
                admission.Observe(deadline);
                metrics.WriteShed(ShedReason.Budget);
                return ProblemResult.Of(StatusCodes.Status503ServiceUnavailable, "overloaded", "The server is shedding load.",
                    "The write waited too long for the store and was dropped before it ran; nothing was stored. Retry after the delay in Retry-After.",
                    admission.RetryAfter);
            default:
                return null;
        }
    }

    private ProblemResult Overloaded() =>
        ProblemResult.Of(StatusCodes.Status503ServiceUnavailable, "overloaded", "The server is shedding load.",
            "Too many writes are queued; retry after the delay in Retry-After.", admission.RetryAfter);

    /// <summary>Refused on arrival by admission control: nothing was read or stored.</summary>
    private ProblemResult Shed() =>
        ProblemResult.Of(StatusCodes.Status503ServiceUnavailable, "overloaded", "The server is shedding load.",
            "The store is behind; this request was refused before it was read and nothing was stored. Retry after the delay in Retry-After.",
            admission.RetryAfter);

    internal static ProblemResult BodyProblem(BodyReadStatus status, int limit) => status switch
    {
        BodyReadStatus.TooLarge => ProblemResult.Of(StatusCodes.Status413PayloadTooLarge, "bodyTooLarge", "The request body is too large.",
            $"This route takes at most {limit} bytes (after gzip decoding)."),
        BodyReadStatus.NotJson => ProblemResult.Of(StatusCodes.Status415UnsupportedMediaType, "contentType", "The body must be JSON.",
            "Send Content-Type: application/json."),
        BodyReadStatus.UnsupportedEncoding => ProblemResult.Of(StatusCodes.Status415UnsupportedMediaType, "contentEncoding",
            "The content encoding is not supported.", "Send the body as is or with Content-Encoding: gzip."),
        BodyReadStatus.BadFraming => ProblemResult.Of(StatusCodes.Status400BadRequest, "bodyFraming", "The request body could not be read.",
            "Its chunked transfer encoding is malformed (a chunk size that is not a hexadecimal number or is too large)."),
        BodyReadStatus.Incomplete => ProblemResult.Of(StatusCodes.Status400BadRequest, "bodyIncomplete", "The request body is incomplete.",
            "The body ended before its Content-Length or its last chunk; the client closed the connection or stopped sending."),
        _ => ProblemResult.Of(StatusCodes.Status400BadRequest, "gzip", "The gzip body could not be decoded.",
            "The body was sent with Content-Encoding: gzip but is not valid gzip data."),
    };
}

/// <summary>What a shared store call gives back: its value, or the 503 that refused the write (then nothing was stored).</summary>
internal readonly record struct StoreAnswer<T>(T Value, ProblemResult? Refusal);
