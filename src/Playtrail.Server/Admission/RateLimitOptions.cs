using System.ComponentModel.DataAnnotations;

namespace Playtrail.Server.Admission;

/// <summary>The per-client rate limit of the ingestion routes (configuration section <c>Ingestion:RateLimit</c>).</summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:RateLimit";

    /// <summary>
    /// Sustained requests a second one client address may send to the ingestion routes; 0 turns the limit off. A
    /// player sends one request every 10 s (every second during ads), so the default leaves room for a thousand
    /// or more viewers behind one NAT address and stops only floods.
    /// </summary>
    [Range(0, 10_000_000)]
    public int PermitsPerSecond { get; set; } = 1_000;

    /// <summary>Requests one address may send at once above the sustained rate.</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 2_000;

    /// <summary>
    /// Loopback clients (a reverse proxy on the same machine, local tools, tests) are not limited. Behind a proxy on
    /// another machine every client has the proxy's address: set the limit there, or turn it off here.
    /// </summary>
    public bool ExemptLoopback { get; set; } = true;
}
