namespace Playtrail.Server.Reporting;

/// <summary>The JSON shape of <c>GET /api/v1/sessions/{sid}</c>.</summary>
internal sealed record SessionView(
    string SessionId,
    string Status,
    bool Downloaded,
    long FirstEventTs,
    long LastEventTs,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ClosedAt,
    string? CloseReason,
    int EventCount,
    MediaView Media);

/// <summary>The content a session played.</summary>
internal sealed record MediaView(string Id, string? Name, double Length, string ContentType, bool Resume);

/// <summary>The JSON shape of <c>GET /health</c>.</summary>
internal sealed record HealthView(string Status);
