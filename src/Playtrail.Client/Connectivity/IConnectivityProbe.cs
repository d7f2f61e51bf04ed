namespace Playtrail.Client.Connectivity;

/// <summary>
/// Tells the SDK whether a request is worth trying now. Both tracking modes ask before every request, and the
/// downloaded-session uploader wakes up when <see cref="ConnectivityChanged"/> reports the device is back online.
/// Replace it to use the platform's own reachability API (MAUI's <c>Connectivity</c>, Unity's
/// <c>Application.internetReachability</c>) or, in tests, to switch the network off and on.
/// </summary>
public interface IConnectivityProbe
{
    /// <summary>Whether the device looks online right now. Must be cheap: it is read before every request.</summary>
    bool IsOnline { get; }

    /// <summary>Raised, on any thread, when <see cref="IsOnline"/> may have changed.</summary>
    event EventHandler? ConnectivityChanged;

    /// <summary>
    /// Told after every request whether the server was reached (any HTTP status) or not (DNS, connect or
    /// timeout failures), so the probe can combine what the OS says with what actually happened.
    /// </summary>
    void ReportRequestOutcome(bool reachedServer);
}
