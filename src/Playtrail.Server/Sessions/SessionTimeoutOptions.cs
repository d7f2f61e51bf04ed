namespace Playtrail.Server.Sessions;

/// <summary>When open online sessions are closed by the sweeper (configuration section <c>Sessions</c>).</summary>
public sealed class SessionTimeoutOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sessions";

    /// <summary>Close a session after this long without any event (10 minutes, as the real backend).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Close a session after this long without playhead movement (30 minutes, as the real backend).</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the sweeper looks for sessions to close.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Returns the first configuration problem, or null when the options are usable.</summary>
    public string? Problem() =>
        IdleTimeout <= TimeSpan.Zero ? "Sessions:IdleTimeout must be positive."
        : StallTimeout <= TimeSpan.Zero ? "Sessions:StallTimeout must be positive."
        : SweepInterval <= TimeSpan.Zero ? "Sessions:SweepInterval must be positive."
        : null;
}
