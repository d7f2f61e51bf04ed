using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Playtrail.Core.Validation;
using Playtrail.Server.Access;
using Playtrail.Server.Ingestion;
using Playtrail.Server.OpenApi;
using Playtrail.Server.Reporting;
using Playtrail.Storage;
using Playtrail.Storage.Privacy;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Privacy;

/// <summary>
/// Deleting everything stored about one visitor on request: <c>DELETE /api/v1/privacy/visitors/{id}</c> with a reporting
/// key (docs/security.md, "Deleting a visitor"; docs/decisions/0020-visitor-deletion.md).
/// </summary>
internal static class PrivacyEndpoints
{
    /// <summary>The longest identifier accepted; far above any real player's, and well inside Kestrel's request-line limit.</summary>
    public const int MaxIdLength = 1024;

    private const string VisitorsPath = "/privacy/visitors";

    private const string RepeatToFinish = "Part of the visitor's data may remain; repeat the request to finish the deletion.";

    private static readonly TimeSpan OverloadedRetryAfter = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan StorageFullRetryAfter = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Privacy").MapDelete(VisitorsPath + "/{id?}", DeleteVisitorAsync)
            .WithName("DeleteVisitor")
            .WithSummary("Delete every session, event and report of one visitor; needs a bearer reporting key.")
            .ProducesJson(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
                StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> DeleteVisitorAsync(
        HttpContext context, ReportingAccess access, ISessionStore store, IHostApplicationLifetime lifetime, TimeProvider timeProvider,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(PrivacyEndpoints).FullName!);
        if (access.IsOpen)
        {
            // Open reporting is a choice for a private network; deleting data on an open server would let anyone who can
            // reach it erase any visitor, so the route exists only once keys say who may use it.
            Log.VisitorDeletionRefused(logger, StatusCodes.Status403Forbidden, "no Reporting:ApiKeys are configured");
            return ProblemResult.Of(StatusCodes.Status403Forbidden, "privacyNeedsKeys", "Deleting a visitor needs reporting keys.",
                "This server has no Reporting:ApiKeys, so no one may delete data through it. Configure at least one key and send it as Authorization: Bearer <key>.");
        }

        if (access.BearerKeyId(context.Request) is not { } keyId)
        {
            Log.VisitorDeletionRefused(logger, StatusCodes.Status401Unauthorized, "no configured key was presented");
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"playtrail\"";
            return ProblemResult.Of(StatusCodes.Status401Unauthorized, "unauthorized", "A reporting key is required.",
                "Send Authorization: Bearer <key> with one of the server's Reporting:ApiKeys; a login cookie does not open this route.");
        }

        var errors = new ErrorCollector();
        if (VisitorIdOf(context, errors) is not { } visitorId)
        {
            return ProblemResult.Path(errors);
        }

        var tag = AuditTag(visitorId);
        var started = timeProvider.GetTimestamp();
        VisitorDeletion deleted;
        try
        {
            // The server's lifetime, not the request's: a deletion that was asked for finishes and is logged even when the
            // client stops waiting; only a shutdown stops it, between two committed steps.
            deleted = await store.DeleteVisitorAsync(visitorId, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            Log.VisitorDeletionStopped(logger, tag, keyId, "the server is stopping");
            return ProblemResult.Of(StatusCodes.Status503ServiceUnavailable, "shuttingDown", "The server is stopping.", RepeatToFinish);
        }
        catch (StoreOverloadedException)
        {
            // A step found the write queue full: the steps before it are committed, the rest waits for a calmer moment.
            Log.VisitorDeletionStopped(logger, tag, keyId, "the store's write queue is full");
            return ProblemResult.Of(StatusCodes.Status503ServiceUnavailable, "overloaded", "The server is shedding load.", RepeatToFinish,
                OverloadedRetryAfter);
        }
        catch (StoreFullException)
        {
            Log.VisitorDeletionStopped(logger, tag, keyId, "the database is full");
            return ProblemResult.Of(StatusCodes.Status503ServiceUnavailable, "storageFull", "The server's storage is full.", RepeatToFinish,
                StorageFullRetryAfter);
        }

        var elapsedMs = (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
        Log.VisitorDeleted(logger, tag, keyId, deleted.Sessions, deleted.Events, elapsedMs);
        return new JsonWriterResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("sessionsDeleted", deleted.Sessions);
            writer.WriteNumber("eventsDeleted", deleted.Events);
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// The identifier as sent, percent-decoded exactly once from the request target, so an identifier holding a slash
    /// (<c>%2F</c>) or a percent sign (<c>%25</c>) arrives whole; null with the failures in <paramref name="errors"/>.
    /// </summary>
    private static string? VisitorIdOf(HttpContext context, ErrorCollector errors)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        var marker = path.IndexOf(VisitorsPath, StringComparison.OrdinalIgnoreCase);
        var encoded = marker < 0 ? "" : path[(marker + VisitorsPath.Length)..].TrimStart('/');
        var id = Uri.UnescapeDataString(encoded);
        if (id.Length == 0)
        {
            errors.Add("/path/id", "required", "Name the visitor: DELETE /api/v1/privacy/visitors/{id}, the id percent-encoded.");
            return null;
        }

        if (id.Length > MaxIdLength)
        {
            errors.Add("/path/id", "maxLength", $"The visitor id has {id.Length} characters; at most {MaxIdLength} are accepted.");
            return null;
        }

        return id;
    }

    /// <summary>
    /// What the log says instead of the identifier: the first 8 hex digits of SHA-256 over <c>playtrail audit:</c> and the id.
    /// Enough for an operator who holds a request to find its line, too short to single out a visitor from the log alone.
    /// </summary>
    internal static string AuditTag(string visitorId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("playtrail audit:" + visitorId)), 0, 4);
}
