using Playtrail.Server.Admission;

namespace Playtrail.Server.Tests.Admission;

/// <summary>The shedding controller driven step by step: timestamps in milliseconds, draws chosen by the test.</summary>
public sealed class ShedControllerTests
{
    private const long TicksPerSecond = 1_000;
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(20);

    /// <summary>Feeds <paramref name="wait"/> every millisecond for <paramref name="milliseconds"/>, from <paramref name="start"/>.</summary>
    private static long Run(ShedController controller, long start, long milliseconds, TimeSpan wait)
    {
        for (var now = start; now < start + milliseconds; now++)
        {
            controller.Observe(wait, now);
        }

        return start + milliseconds;
    }

    /// <summary>The share of 1,000 evenly spread draws the controller refuses at <paramref name="now"/>.</summary>
    private static double ShedShare(ShedController controller, long now) =>
        Enumerable.Range(0, 1_000).Count(i => controller.ShouldShed(now, (i + 0.5) / 1_000)) / 1_000.0;

    [Fact]
    public void AStoreThatKeepsUnderTheTarget_IsNeverShed()
    {
        var controller = new ShedController(Target, TicksPerSecond, start: 0);

        var now = Run(controller, 0, 10_000, TimeSpan.FromMilliseconds(15));

        Assert.Equal(0, controller.Probability);
        Assert.Equal(0, ShedShare(controller, now));
    }

    [Fact]
    public void AWaitWellAboveTheTarget_RaisesTheShareShed_WithinHalfASecond()
    {
        var controller = new ShedController(Target, TicksPerSecond, start: 0);

        var now = Run(controller, 0, 500, TimeSpan.FromMilliseconds(200));

        Assert.True(controller.Probability > 0.9, $"probability {controller.Probability}");
        Assert.True(ShedShare(controller, now) > 0.9);
    }

    [Fact]
    public void ABurstShorterThanTheAllowance_IsLetThrough_EvenFarAboveTheTarget()
    {
        var controller = new ShedController(Target, TicksPerSecond, start: 0);
        var now = Run(controller, 0, 1_000, TimeSpan.FromMilliseconds(2));

        now = Run(controller, now, 120, TimeSpan.FromMilliseconds(300));

        Assert.True(controller.Probability > 0.5, $"probability {controller.Probability}");
        Assert.Equal(0, ShedShare(controller, now));
        now = Run(controller, now, 60, TimeSpan.FromMilliseconds(300));
        Assert.True(ShedShare(controller, now) > 0.5);
    }

    [Fact]
    public void AWaitSlightlyAboveTheTarget_ShedsGradually_NotAll()
    {
        var controller = new ShedController(Target, TicksPerSecond, start: 0);

        var now = Run(controller, 0, 150, TimeSpan.FromMilliseconds(30));
        var early = controller.Probability;
        now = Run(controller, now, 1_500, TimeSpan.FromMilliseconds(30));

        Assert.InRange(early, 0.01, 0.2);
        Assert.True(controller.Probability > early);
        Assert.Equal(controller.Probability, ShedShare(controller, now), precision: 2);
    }

    [Fact]
    public void WhenTheWaitFallsBackUnderTheTarget_SheddingStops()
    {
        var controller = new ShedController(Target, TicksPerSecond, start: 0);
        var now = Run(controller, 0, 500, TimeSpan.FromMilliseconds(200));

        now = Run(controller, now, 1_000, TimeSpan.FromMilliseconds(2));

        Assert.Equal(0, ShedShare(controller, now));
    }

    [Fact]
    public void AfterAnOverload_AQuietSpellWithNoWritesAtAll_BringsTheShareDown()
    {
        var controller = new ShedController(Target, TicksPerSecond, start: 0);
        var now = Run(controller, 0, 500, TimeSpan.FromMilliseconds(200));

        // Everything is shed, so nothing finishes: intervals without a measurement count as an empty queue.
        now += 2_000;

        Assert.Equal(0, ShedShare(controller, now));
        Assert.Equal(TimeSpan.Zero, controller.LastWait);
    }

    [Fact]
    public void AShortBurst_WhileTheShareIsLow_IsLetThrough()
    {
        var controller = new ShedController(Target, TicksPerSecond, start: 0);
        var now = Run(controller, 0, 1_000, TimeSpan.FromMilliseconds(5));

        // One interval's worth of slow writes: the probability moves a little, and under 20 % nothing is refused
        // until the measured wait itself is at least half the target.
        now = Run(controller, now, 15, TimeSpan.FromMilliseconds(9));

        Assert.Equal(0, ShedShare(controller, now));
    }
}
