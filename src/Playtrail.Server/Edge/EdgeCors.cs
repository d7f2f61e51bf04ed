using Microsoft.Extensions.Options;

namespace Playtrail.Server.Edge;

/// <summary>
/// CORS for the Edge routes. The Web SDK sends its requests with credentials, which browsers answer only when
/// the response names the page's origin and allows credentials; so an allowed origin is echoed, never <c>*</c>.
/// </summary>
internal sealed class EdgeCors(IOptions<EdgeOptions> options)
{
    private readonly PathString _basePath = new("/" + options.Value.TrimmedBasePath);
    private readonly HashSet<string> _origins = new(options.Value.AllowedOrigins.Select(origin => origin.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    /// <summary>True for a request to one of the Edge routes.</summary>
    public bool Handles(HttpContext context) => context.Request.Path.StartsWithSegments(_basePath, StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds the CORS headers of an Edge route and answers a preflight.</summary>
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.Vary = "Origin";
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && _origins.Contains(origin))
        {
            headers.AccessControlAllowOrigin = origin;
            headers.AccessControlAllowCredentials = "true";
            headers.AccessControlAllowMethods = "POST, OPTIONS";
            var requested = context.Request.Headers.AccessControlRequestHeaders.ToString();
            headers.AccessControlAllowHeaders = requested.Length > 0 ? requested : "Content-Type";
        }

        if (HttpMethods.IsOptions(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
