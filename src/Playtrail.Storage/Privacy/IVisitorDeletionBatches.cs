namespace Playtrail.Storage.Privacy;

/// <summary>A store's single bounded deletion transaction, which <see cref="VisitorDeletionLoop"/> repeats.</summary>
internal interface IVisitorDeletionBatches
{
    /// <summary>
    /// Deletes, in one transaction, up to <see cref="VisitorDeletionLimits.MaxSessions"/> of the visitor's sessions and
    /// up to <see cref="VisitorDeletionLimits.MaxEvents"/> raw events. A session whose events do not all fit keeps its
    /// row until a later transaction, and is marked processed meanwhile so its remaining events can never reach a report.
    /// </summary>
    Task<VisitorDeletionBatch> DeleteVisitorBatchAsync(byte[] visitorKey, VisitorDeletionLimits limits, CancellationToken cancellationToken);
}
