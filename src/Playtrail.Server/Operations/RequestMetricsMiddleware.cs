namespace Playtrail.Server.Operations;

/// <summary>Counts every answered request by its route template (never the raw path, which holds session ids) and status.</summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, ServerMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.Request(context.Request.Method, route, context.Response.StatusCode);
        }
    }
}
