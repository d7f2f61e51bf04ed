namespace Playtrail.Core.Edge;

/// <summary>
/// What an Edge datastream (the <c>configId</c> of a request) stands for: the analytics and visitor
/// values a Media Collection <c>sessionStart</c> carries itself, but which Edge clients leave to the datastream.
/// </summary>
/// <param name="ReportSuite">Written as <c>analytics.reportSuite</c>.</param>
/// <param name="TrackingServer">Written as <c>analytics.trackingServer</c>.</param>
/// <param name="OrgId">Written as <c>visitor.marketingCloudOrgId</c>, e.g. <c>0123456789ABCDEF@AdobeOrg</c>.</param>
public sealed record EdgeDatastream(string ReportSuite, string TrackingServer, string OrgId);
