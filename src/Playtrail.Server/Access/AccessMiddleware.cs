using System.Text.Json;

namespace Playtrail.Server.Access;

/// <summary>
/// Guards the reporting side when keys are configured: every GET of a report, a session, an export or a dashboard
/// page needs a key (bearer header or login cookie) and is answered 401 without one: a problem document for the
/// API, the login form for pages. Ingestion (every non-GET route) stays open as the real collection API is, and so
/// do the schemas, health, metrics, the login page and the dashboard's static files (code, not data).
/// </summary>
internal sealed class AccessMiddleware(RequestDelegate next, ReportingAccess access)
{
    private static readonly string[] OpenPrefixes = ["/api/v1/schemas/", "/openapi/", "/assets/", "/lib/"];

    private static readonly string[] OpenPaths = ["/login", "/logout", "/health", "/metrics", "/favicon.ico"];

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (access.IsOpen || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || IsOpenPath(request.Path) || access.Allows(request))
        {
            return next(context);
        }

        return IsApi(request.Path) ? UnauthorizedApiAsync(context) : LoginPage.WriteAsync(context, StatusCodes.Status401Unauthorized, ReturnUrl(request), error: null);
    }

    public static bool IsOpenPath(PathString path)
    {
        var value = path.Value ?? "/";
        return OpenPaths.Contains(value, StringComparer.OrdinalIgnoreCase)
            || OpenPrefixes.Any(prefix => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static string ReturnUrl(HttpRequest request) => request.Path.Value + request.QueryString.Value;

    private static async Task UnauthorizedApiAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = "Bearer realm=\"playtrail\"";
        response.ContentType = "application/problem+json";
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteString("type", "https://playtrail.dev/problems/unauthorized");
        writer.WriteString("title", "A reporting key is required.");
        writer.WriteNumber("status", StatusCodes.Status401Unauthorized);
        writer.WriteString("detail", "Send Authorization: Bearer <key> with one of the server's Reporting:ApiKeys, or log in at /login.");
        writer.WriteString("rule", "unauthorized");
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
