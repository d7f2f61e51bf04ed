using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>A reused processor allocates per session (its report), not per event.</summary>
public sealed class AllocationTests
{
    private static readonly SessionContext Context = new(SessionEvents.SessionId, Downloaded: true, SessionCloseKind.EndOfArray);

    [Fact]
    public void ReusedProcessor_AllocatesTheSameForTenTimesTheEvents()
    {
        var processor = new SessionProcessor();
        var small = Session(cycles: 10);
        var large = Session(cycles: 110);
        processor.Run(large, Context);
        processor.Run(small, Context);

        var smallBytes = LeastAllocated(() => processor.Run(small, Context));
        var largeBytes = LeastAllocated(() => processor.Run(large, Context));

        // 1100 more pings, plays, pauses and bitrate changes; a few bytes differ only where a longer number is written.
        Assert.True(large.Count - small.Count > 1000);
        Assert.True(largeBytes - smallBytes <= 64, $"{smallBytes} B for {small.Count} events, {largeBytes} B for {large.Count} events");
    }

    /// <summary>A pre-roll of two ads, a state, then cycles of 8 pings, a bitrate change and a 10 s pause.</summary>
    private static List<Core.Processing.SessionEvent> Session(int cycles)
    {
        var events = new List<string>
        {
            SessionStart(T0, length: 100_000),
            AdBreakStart(0, T0 + 1, 0, 0),
            AdStart(0, T0 + 2, "a", 15, 1),
            Simple("adComplete", 0, T0 + 15_000),
            AdStart(0, T0 + 15_001, "b", 15, 2),
            Simple("adComplete", 0, T0 + 30_000),
            Simple("adBreakComplete", 0, T0 + 30_001),
            Simple("play", 0, T0 + 30_002),
            State("stateStart", 0, T0 + 30_003, "fullscreen"),
        };
        var ts = T0 + 31_000;
        var playhead = 0.0;
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            for (var ping = 0; ping < 8; ping++)
            {
                ts += 10_000;
                playhead += 10;
                events.Add(Simple("ping", playhead, ts));
            }

            events.Add(BitrateChange(playhead, ts + 1, 1000 + (cycle % 5 * 500)));
            events.Add(Simple("pauseStart", playhead, ts + 2));
            events.Add(Simple("play", playhead, ts + 10_002));
            ts += 10_002;
        }

        events.Add(Simple("sessionComplete", playhead, ts + 1));
        return SessionEvents.FromArrayElements([.. events]);
    }

    private static long LeastAllocated(Action action)
    {
        var least = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
