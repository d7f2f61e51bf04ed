namespace Playtrail.Server.Operations;

/// <summary>Why admission control answered a write 503 without running it; the <c>reason</c> label of the shed counter.</summary>
internal enum ShedReason
{
    /// <summary>More writes in progress than <c>Ingestion:Admission:MaxConcurrentRequests</c>.</summary>
    Concurrency,

    /// <summary>More downloaded uploads in progress than <c>Ingestion:Admission:MaxConcurrentUploads</c>.</summary>
    Uploads,

    /// <summary>The store's queueing delay is above its target and the controller refused this write.</summary>
    Delay,

    /// <summary>The write waited in the store's queue past its latency budget and was dropped unrun.</summary>
    Budget,
}
