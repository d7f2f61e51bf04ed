using System.Net.NetworkInformation;

namespace Playtrail.Client.Connectivity;

/// <summary>
/// The default probe: online when the OS reports an available network and the last request did not fail to reach
/// the server. A failed request marks the device offline until the OS reports a network change or a later request
/// reaches the server, so a captive portal or a dead uplink does not make every call wait for a timeout.
/// </summary>
public sealed class NetworkConnectivityProbe : IConnectivityProbe, IDisposable
{
    private volatile bool _lastRequestReachedServer = true;
    private int _disposed;

    /// <summary>Subscribes to the OS's network availability notifications.</summary>
    public NetworkConnectivityProbe()
    {
        NetworkChange.NetworkAvailabilityChanged += OnNetworkAvailabilityChanged;
    }

    /// <inheritdoc />
    public event EventHandler? ConnectivityChanged;

    /// <inheritdoc />
    public bool IsOnline => _lastRequestReachedServer && IsNetworkAvailable();

    /// <inheritdoc />
    public void ReportRequestOutcome(bool reachedServer)
    {
        var changed = _lastRequestReachedServer != reachedServer;
        _lastRequestReachedServer = reachedServer;
        if (changed)
        {
            ConnectivityChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Stops listening to the OS.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            NetworkChange.NetworkAvailabilityChanged -= OnNetworkAvailabilityChanged;
        }
    }

    private void OnNetworkAvailabilityChanged(object? sender, NetworkAvailabilityEventArgs e)
    {
        // A network change is a reason to try again, whatever the last request said.
        _lastRequestReachedServer = true;
        ConnectivityChanged?.Invoke(this, EventArgs.Empty);
    }

    private static bool IsNetworkAvailable()
    {
        try
        {
            return NetworkInterface.GetIsNetworkAvailable();
        }
        catch (NetworkInformationException)
        {
            // Some sandboxes (Unity on consoles, locked-down containers) refuse the query: let the request decide.
            return true;
        }
    }
}
