namespace Playtrail.Client.Tracking;

/// <summary>
/// Where a tracker's events go: the online sender or the on-device store. One sink per session: the tracker
/// creates it at <c>sessionStart</c> (resumed sessions included) and disposes it once the session is over
/// (after writing <c>sessionEnd</c> or <c>sessionComplete</c>, or when the tracker is disposed).
/// </summary>
internal interface ISessionSink : IDisposable
{
    /// <summary>
    /// Takes one event, in session order (the first is always <c>sessionStart</c>). Called under the tracker's
    /// lock, so it must neither throw nor wait on the network.
    /// </summary>
    void Write(TrackedEvent trackedEvent);
}
