namespace Playtrail.Server.Operations;

/// <summary>The JSON shape of <c>GET /health</c>.</summary>
internal sealed record HealthView(string Status);
