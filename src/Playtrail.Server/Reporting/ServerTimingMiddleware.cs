using System.Diagnostics;
using System.Globalization;

namespace Playtrail.Server.Reporting;

/// <summary>
/// Adds <c>Server-Timing: app;dur=&lt;ms&gt;</c> to every API read, the time from the request reaching the app to the
/// answer starting, so a browser's developer tools and the dashboard's measurements show what the server spent.
/// </summary>
internal sealed class ServerTimingMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers.Append("Server-Timing", "app;dur=" + milliseconds.ToString("0.0", CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        });
        return next(context);
    }
}
