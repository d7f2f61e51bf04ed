namespace Playtrail.Cli.Simulation;

/// <summary>A session and the virtual time its player starts it.</summary>
internal sealed record ScheduledSession(SessionScript Script, DateTimeOffset Start);

/// <summary>One simulated player's sessions, in the order (and virtual time) it plays them.</summary>
internal sealed record PlayerPlan(int Player, IReadOnlyList<ScheduledSession> Sessions)
{
    /// <summary>The player's clock starts at its first session.</summary>
    public DateTimeOffset ClockStart => Sessions.Count > 0 ? Sessions[0].Start : DateTimeOffset.UnixEpoch;
}

/// <summary>
/// Deals sessions to players and places them in virtual time. A player's clock only moves forward, so its
/// downloaded sessions (days ago) come first, oldest first, then its online ones as one evening of viewing that
/// ends before the run began, so no event is stamped in the future.
/// </summary>
internal static class SimulationPlan
{
    /// <summary>Online viewing starts at least this long before the run.</summary>
    public static readonly TimeSpan OnlineLeadTime = TimeSpan.FromHours(2);

    /// <summary>Between one session's end and the next one's start on the same player.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromSeconds(30);

    /// <summary>Deals <paramref name="scripts"/> round-robin to <paramref name="players"/> players and schedules them.</summary>
    public static IReadOnlyList<PlayerPlan> Create(IReadOnlyList<SessionScript> scripts, int players, DateTimeOffset now)
    {
        var plans = new List<PlayerPlan>(players);
        for (var player = 0; player < players; player++)
        {
            var mine = scripts.Where(script => script.Index % players == player).ToArray();
            if (mine.Length > 0)
            {
                plans.Add(new PlayerPlan(player, Schedule(mine, now)));
            }
        }

        return plans;
    }

    private static List<ScheduledSession> Schedule(SessionScript[] scripts, DateTimeOffset now)
    {
        var sessions = new List<ScheduledSession>(scripts.Length);
        var online = scripts.Where(script => !script.Downloaded).ToArray();
        var onlineStart = now - Max(OnlineLeadTime, Length(online) + TimeSpan.FromMinutes(5));

        // Downloaded viewing ends before the online evening begins: a session drawn later than that is moved back,
        // so back-to-back they still finish in time.
        var downloaded = scripts.Where(script => script.Downloaded).OrderByDescending(script => script.StartsAgo).ToArray();
        var latestStart = onlineStart - Length(downloaded);
        var cursor = DateTimeOffset.MinValue;
        foreach (var script in downloaded)
        {
            var drawn = now - script.StartsAgo;
            var start = Max(cursor, drawn < latestStart ? drawn : latestStart);
            sessions.Add(new ScheduledSession(script, start));
            cursor = start + TimeSpan.FromSeconds(script.DurationSeconds) + Gap;
        }

        var onlineCursor = Max(cursor, onlineStart);
        foreach (var script in online)
        {
            sessions.Add(new ScheduledSession(script, onlineCursor));
            onlineCursor += TimeSpan.FromSeconds(script.DurationSeconds) + Gap;
        }

        return sessions;
    }

    private static TimeSpan Length(IEnumerable<SessionScript> scripts) =>
        scripts.Aggregate(TimeSpan.Zero, (total, script) => total + TimeSpan.FromSeconds(script.DurationSeconds) + Gap);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
