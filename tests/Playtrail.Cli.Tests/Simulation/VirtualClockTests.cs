using Playtrail.Cli.Simulation;

namespace Playtrail.Cli.Tests.Simulation;

public sealed class VirtualClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_FiresAPeriodicTimerOncePerPeriod_EachTimeWithTheClockAtItsDueTime()
    {
        var clock = new VirtualClock(Start);
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(35));

        Assert.Equal([Start.AddSeconds(10), Start.AddSeconds(20), Start.AddSeconds(30)], fired);
        Assert.Equal(Start.AddSeconds(35), clock.GetUtcNow());
    }

    [Fact]
    public void Advance_FiresTimersInDueOrder_WhateverOrderTheyWereSetIn()
    {
        var clock = new VirtualClock(Start);
        var fired = new List<string>();
        using var late = clock.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add("early"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(["early", "late"], fired);
    }

    [Fact]
    public void DisposedOrStoppedTimer_NeverFires()
    {
        var clock = new VirtualClock(Start);
        var fired = 0;
        var disposed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        using var stopped = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        disposed.Dispose();
        stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, fired);
    }

    [Fact]
    public async Task DelayOnTheClock_EndsWhenTheClockPassesIt_NotBefore()
    {
        var clock = new VirtualClock(Start);
        var delay = Task.Delay(TimeSpan.FromSeconds(30), clock);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        await delay;
        Assert.Equal(Start.AddSeconds(30), clock.GetUtcNow());
    }

    [Fact]
    public void SetUtcNow_NeverMovesTheClockBack()
    {
        var clock = new VirtualClock(Start);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetUtcNow(Start.AddSeconds(-1)));
        Assert.Equal(Start, clock.GetUtcNow());
    }
}
