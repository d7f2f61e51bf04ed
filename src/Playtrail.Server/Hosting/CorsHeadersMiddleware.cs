using Playtrail.Server.Edge;

namespace Playtrail.Server.Hosting;

/// <summary>
/// CORS exactly as the real collection API answers: any origin, methods OPTIONS, POST, PUT, header
/// Content-Type, Location exposed. A preflight that asks for the extra headers Playtrail understands
/// (Content-Encoding, Idempotency-Key) is granted those too. The Media Edge routes answer as the Edge
/// Network does instead (<see cref="EdgeCors"/>).
/// </summary>
internal sealed class CorsHeadersMiddleware(RequestDelegate next, EdgeCors edgeCors)
{
    private static readonly string[] ExtraHeaders = ["content-encoding", "idempotency-key"];

    public Task InvokeAsync(HttpContext context)
    {
        if (edgeCors.Handles(context))
        {
            return edgeCors.InvokeAsync(context, next);
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlAllowMethods = "OPTIONS,POST,PUT";
        headers.AccessControlAllowHeaders = AllowedHeaders(context.Request.Headers.AccessControlRequestHeaders.ToString());
        headers.AccessControlExposeHeaders = "Location";

        if (HttpMethods.IsOptions(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        return next(context);
    }

    private static string AllowedHeaders(string requested)
    {
        var allowed = "Content-Type";
        foreach (var header in requested.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (ExtraHeaders.Contains(header, StringComparer.OrdinalIgnoreCase))
            {
                allowed += "," + header;
            }
        }

        return allowed;
    }
}
