using Playtrail.Client.Connectivity;

namespace Playtrail.Client.Tests.Offline;

/// <summary>A network the test switches off and on, recording what the uploader reported.</summary>
internal sealed class FakeConnectivity : IConnectivityProbe
{
    private volatile bool _online = true;

    public event EventHandler? ConnectivityChanged;

    public bool IsOnline => _online;

    public int Reached { get; private set; }

    public int NotReached { get; private set; }

    public void Set(bool online)
    {
        _online = online;
        ConnectivityChanged?.Invoke(this, EventArgs.Empty);
    }

    public void ReportRequestOutcome(bool reachedServer)
    {
        if (reachedServer)
        {
            Reached++;
        }
        else
        {
            NotReached++;
        }
    }
}
