using System.Diagnostics;

namespace Playtrail.Storage.Sessions;

/// <summary>
/// The stores' spans: one for each write a caller hands to a store, from the call until its outcome (queueing for
/// the writer included, which is most of a write's time under load). Starting a span returns null when no tracer
/// listens or samples, and then a write costs nothing more.
/// </summary>
public static class StoreActivities
{
    /// <summary>The name of the activity source of the stores' spans.</summary>
    public const string SourceName = "Playtrail.Storage";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts the span of one write, a child of the caller's span, or returns null when nothing samples it. The span is
    /// not made current: the caller goes on in its own span while the write waits for the writer. Hand it to
    /// <see cref="Trace(Activity?, Task)"/> with the write's task, which ends it.
    /// </summary>
    internal static Activity? Start(string name) => StartDetached(name);

    /// <summary>Ends <paramref name="activity"/> when <paramref name="write"/> completes; returns the write itself when there is no span.</summary>
    internal static Task Trace(Activity? activity, Task write) => activity is null ? write : Traced(activity, write);

    /// <inheritdoc cref="Trace(Activity?, Task)"/>
    internal static Task<T> Trace<T>(Activity? activity, Task<T> write) => activity is null ? write : Traced(activity, write);

    private static Activity? StartDetached(string name)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var current = Activity.Current;
        var activity = Source.StartActivity(name, ActivityKind.Internal);
        Activity.Current = current;
        return activity;
    }

    private static async Task Traced(Activity activity, Task write)
    {
        using (activity)
        {
            try
            {
                await write.ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                throw;
            }
        }
    }

    private static async Task<T> Traced<T>(Activity activity, Task<T> write)
    {
        using (activity)
        {
            try
            {
                return await write.ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                throw;
            }
        }
    }
}
