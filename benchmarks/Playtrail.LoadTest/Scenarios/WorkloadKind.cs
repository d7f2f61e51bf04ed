namespace Playtrail.LoadTest.Scenarios;

/// <summary>What each client of a scenario does.</summary>
internal enum WorkloadKind
{
    /// <summary><c>GET /health</c> in a loop: HTTP, routing and a pooled SQLite read, no write.</summary>
    Health,

    /// <summary>Online sessions: sessionStart, pings 10 s apart in <c>ts</c>, sessionComplete, one event per request.</summary>
    Online,

    /// <summary>Whole downloaded sessions, one array per request, each with distinct timestamps.</summary>
    Downloaded,
}
