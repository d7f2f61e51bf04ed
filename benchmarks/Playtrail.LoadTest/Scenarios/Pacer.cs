using System.Diagnostics;

namespace Playtrail.LoadTest.Scenarios;

/// <summary>
/// When one client's next request is due. Closed loop: at once, when the last one has been answered. Open loop: on a
/// fixed schedule, whatever the server does; a request that goes out late because the client was still waiting for
/// its previous answer keeps its scheduled time as the start of its latency, so a stall shows in the percentiles
/// instead of silently lowering the load (the coordinated omission a closed loop suffers from).
/// </summary>
internal sealed class Pacer
{
    private readonly long _interval;
    private long _next;

    private Pacer(long interval, long first)
    {
        _interval = interval;
        _next = first;
    }

    public static Pacer ClosedLoop() => new(0, 0);

    /// <summary>
    /// Client <paramref name="index"/> of <paramref name="clients"/> sharing <paramref name="requestsPerSecond"/>;
    /// the clients' schedules are staggered so that the requests are spread evenly, not sent in bursts.
    /// </summary>
    public static Pacer OpenLoop(double requestsPerSecond, int index, int clients)
    {
        var interval = (long)(Stopwatch.Frequency * clients / requestsPerSecond);
        return new Pacer(interval, Stopwatch.GetTimestamp() + (interval * index / clients));
    }

    /// <summary>Waits <paramref name="wait"/> (a server's Retry-After); in open loop the slots that fall in it are skipped.</summary>
    public async Task DeferAsync(TimeSpan wait)
    {
        await Task.Delay(wait).ConfigureAwait(false);
        if (_interval > 0)
        {
            var now = Stopwatch.GetTimestamp();
            while (_next < now)
            {
                _next += _interval;
            }
        }
    }

    /// <summary>Waits until the next request is due and returns the Stopwatch timestamp its latency counts from.</summary>
    public async ValueTask<long> NextAsync()
    {
        var now = Stopwatch.GetTimestamp();
        if (_interval == 0)
        {
            return now;
        }

        var due = _next;
        _next += _interval;
        if (due > now)
        {
            // Timers fire up to a millisecond late; the lateness counts in the latency, which errs on the safe side.
            await Task.Delay(TimeSpan.FromSeconds((double)(due - now) / Stopwatch.Frequency)).ConfigureAwait(false);
        }

        return due;
    }
}
