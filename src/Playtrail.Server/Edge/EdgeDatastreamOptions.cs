namespace Playtrail.Server.Edge;

/// <summary>One datastream (<c>Edge:Datastreams:{configId}</c>): what Adobe keeps in a datastream's configuration.</summary>
public sealed class EdgeDatastreamOptions
{
    /// <summary>The analytics report suite id of its sessions.</summary>
    public string ReportSuite { get; set; } = "";

    /// <summary>The analytics tracking server of its sessions.</summary>
    public string TrackingServer { get; set; } = "";

    /// <summary>The organisation id, e.g. <c>0123456789ABCDEF@AdobeOrg</c>; it also names the identity and cluster cookies.</summary>
    public string OrgId { get; set; } = "";
}
