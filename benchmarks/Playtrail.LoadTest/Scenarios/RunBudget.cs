using System.Diagnostics;

namespace Playtrail.LoadTest.Scenarios;

/// <summary>The two bounds of a phase, shared by its clients: a deadline and a number of requests.</summary>
internal sealed class RunBudget(TimeSpan duration, long maxRequests)
{
    private readonly long _deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    private long _issued;
    private volatile bool _stopped;

    /// <summary>Claims one request; false once either bound is reached or the phase was stopped.</summary>
    public bool TryTake() => !_stopped && Stopwatch.GetTimestamp() < _deadline && Interlocked.Increment(ref _issued) <= maxRequests;

    /// <summary>Ends the phase early: clients finish the request they are in (and an open session) and stop.</summary>
    public void Stop() => _stopped = true;

    /// <summary>
    /// Claims a request that must go out whatever the bounds say: an online client's sessionComplete, so that no
    /// session is left open. It overshoots the count by at most one request per client.
    /// </summary>
    public void TakeAnyway() => Interlocked.Increment(ref _issued);
}
