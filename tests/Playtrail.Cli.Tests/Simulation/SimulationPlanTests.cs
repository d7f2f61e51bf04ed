using Playtrail.Cli.Simulation;

namespace Playtrail.Cli.Tests.Simulation;

public sealed class SimulationPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EveryPlayer_PlaysDownloadedSessionsFirstOldestFirst_ThenOnlineOnesThatEndBeforeTheRun()
    {
        var scripts = ScriptGenerator.Generate(seed: 5, count: 200, downloadedShare: 0.5, daysBack: 7);

        var plans = SimulationPlan.Create(scripts, players: 8, Now);

        Assert.Equal(8, plans.Count);
        Assert.Equal(200, plans.Sum(plan => plan.Sessions.Count));
        Assert.Equal(200, plans.SelectMany(plan => plan.Sessions).Select(session => session.Script.Index).Distinct().Count());
        foreach (var plan in plans)
        {
            var kinds = plan.Sessions.Select(session => session.Script.Downloaded).ToArray();
            Assert.Equal(kinds.OrderByDescending(downloaded => downloaded), kinds);
            for (var i = 1; i < plan.Sessions.Count; i++)
            {
                var previous = plan.Sessions[i - 1];
                Assert.True(plan.Sessions[i].Start >= previous.Start.AddSeconds(previous.Script.DurationSeconds), "a player's sessions never overlap");
            }

            var online = plan.Sessions.Where(session => !session.Script.Downloaded).ToArray();
            Assert.InRange(online[0].Start, Now.AddDays(-1), Now - SimulationPlan.OnlineLeadTime);
            Assert.True(online[^1].Start.AddSeconds(online[^1].Script.DurationSeconds) <= Now, "no online event is stamped after the run began");
            Assert.All(plan.Sessions.Where(session => session.Script.Downloaded), session => Assert.True(session.Start >= Now.AddDays(-7)));
        }
    }
}
