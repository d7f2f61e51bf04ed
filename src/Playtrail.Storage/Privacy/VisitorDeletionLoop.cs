namespace Playtrail.Storage.Privacy;

/// <summary>Runs bounded deletion transactions until no stored session names the visitor.</summary>
internal static class VisitorDeletionLoop
{
    public static async Task<VisitorDeletion> RunAsync(
        IVisitorDeletionBatches store, string visitorId, VisitorDeletionLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visitorId);
        var key = VisitorKeys.Of(visitorId);
        var sessions = 0;
        var events = 0L;
        while (true)
        {
            // Checked between transactions only: each one that ran is committed whole, and repeating the request finishes the rest.
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await store.DeleteVisitorBatchAsync(key, limits, cancellationToken).ConfigureAwait(false);
            if (!batch.Found)
            {
                return new VisitorDeletion(sessions, events);
            }

            sessions += batch.Sessions;
            events += batch.Events;
        }
    }
}
