using Playtrail.Client.Connectivity;

namespace Playtrail.Cli;

/// <summary>
/// Connectivity for the CLI's clients: always worth trying. The OS's view (which may see only a loopback interface
/// in a container) says nothing about a server on 127.0.0.1, and a failed request is still retried and counted.
/// </summary>
internal sealed class AlwaysOnlineProbe : IConnectivityProbe
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
