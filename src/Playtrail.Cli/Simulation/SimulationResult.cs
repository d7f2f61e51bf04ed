namespace Playtrail.Cli.Simulation;

/// <summary>What a <c>playtrail simulate</c> run did; printed as text or, with <c>--json</c>, as this object.</summary>
/// <param name="Seed">The seed, to repeat the run.</param>
/// <param name="OnlineSessions">Online sessions played.</param>
/// <param name="DownloadedSessions">Downloaded sessions played (recorded in the device stores).</param>
/// <param name="EventsEmitted">Events the trackers produced, pings included.</param>
/// <param name="OnlineEventsEmitted">Of those, online events.</param>
/// <param name="OnlineEventsSent">Online events the server accepted.</param>
/// <param name="OnlineEventsUnsettled">Online events neither sent nor dropped when the timeout ran out.</param>
/// <param name="Dropped">Events given up on, by reason (SDK and device store), only reasons that happened.</param>
/// <param name="SessionsUploaded">Downloaded sessions the server took.</param>
/// <param name="SessionsRetryLater">Downloaded sessions still waiting after a transient failure.</param>
/// <param name="SessionsDeadLettered">Downloaded sessions the server refused.</param>
/// <param name="ElapsedSeconds">Real time the run took.</param>
/// <param name="From">First UTC day watched.</param>
/// <param name="To">Last UTC day watched.</param>
/// <param name="SummaryUrl">Where to see the sessions by kind once the server has processed them.</param>
internal sealed record SimulationResult(
    int Seed,
    int OnlineSessions,
    int DownloadedSessions,
    long EventsEmitted,
    long OnlineEventsEmitted,
    long OnlineEventsSent,
    long OnlineEventsUnsettled,
    IReadOnlyDictionary<string, long> Dropped,
    int SessionsUploaded,
    int SessionsRetryLater,
    int SessionsDeadLettered,
    double ElapsedSeconds,
    string From,
    string To,
    string SummaryUrl)
{
    /// <summary>Everything played arrived: nothing dropped, dead-lettered, left waiting or unsent.</summary>
    public bool Succeeded => Dropped.Count == 0 && SessionsDeadLettered == 0 && SessionsRetryLater == 0 && OnlineEventsUnsettled == 0;
}
