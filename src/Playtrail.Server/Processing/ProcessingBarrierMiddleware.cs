namespace Playtrail.Server.Processing;

/// <summary>
/// Holds an API read (and a metrics scrape) until the sessions whose closing events were answered before it have been
/// processed, so answering closes first never shows a client a report older than its own acknowledged close
/// (docs/decisions/0022-closes-answered-before-processing.md). A visitor deletion waits too, so that no report of a
/// session it deletes can be written after it. Costs two reads of a counter when nothing waits.
/// </summary>
internal sealed class ProcessingBarrierMiddleware(RequestDelegate next, ClosedSessionQueue queue)
{
    /// <summary>The longest a read waits: behind a longer backlog it answers with what is processed so far.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsDelete(request.Method))
            || !(request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        var waiting = queue.WaitForEarlierAsync(Limit, context.RequestAborted);
        return waiting.IsCompletedSuccessfully ? next(context) : WaitThenAsync(waiting, context);
    }

    private async Task WaitThenAsync(Task waiting, HttpContext context)
    {
        await waiting.ConfigureAwait(false);
        await next(context).ConfigureAwait(false);
    }
}
