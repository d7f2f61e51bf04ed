using System.Diagnostics;

namespace Playtrail.Server.Operations;

/// <summary>
/// The server's spans. <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null when no tracer
/// listens or samples, so the spans cost nothing unless tracing is exported (an OTLP endpoint is configured).
/// </summary>
internal static class ServerTelemetry
{
    /// <summary>The name of the activity source of the server's own spans.</summary>
    public const string SourceName = "Playtrail.Server";

    public static readonly ActivitySource Source = new(SourceName);
}
