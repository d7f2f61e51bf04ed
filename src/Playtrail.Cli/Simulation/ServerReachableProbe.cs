using Playtrail.Client.Connectivity;

namespace Playtrail.Cli.Simulation;

/// <summary>
/// Connectivity for simulated players: always worth trying. The OS's view (which may see only a loopback interface
/// in a container) says nothing about a server on 127.0.0.1, and failed requests still retry and count.
/// </summary>
internal sealed class ServerReachableProbe : IConnectivityProbe
{
    public bool IsOnline => true;

    public event EventHandler? ConnectivityChanged
    {
        add { }
        remove { }
    }

    public void ReportRequestOutcome(bool reachedServer)
    {
    }
}
