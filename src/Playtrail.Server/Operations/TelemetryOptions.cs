namespace Playtrail.Server.Operations;

/// <summary>The <c>Telemetry</c> section: whether the OpenTelemetry pipeline (metrics, traces, exporters) runs at all.</summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>On by default. Off, nothing listens to the server's meter or spans and <c>GET /metrics</c> answers 404.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The standard variable that turns on the OTLP exporter (metrics and traces), read from configuration.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
}
