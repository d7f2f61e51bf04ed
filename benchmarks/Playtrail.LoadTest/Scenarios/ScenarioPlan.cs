namespace Playtrail.LoadTest.Scenarios;

/// <summary>
/// One scenario: a workload against a server on <see cref="Provider"/>, started with <see cref="MaxBatchSize"/>
/// (null: the server's default). <see cref="Baseline"/> names the scenario this one is compared with.
/// </summary>
internal sealed record ScenarioPlan(string Name, WorkloadKind Kind, int? MaxBatchSize, string? Baseline, StoreProvider Provider = StoreProvider.Sqlite)
{
    public const string Health = "health";
    public const string Online = "online";
    public const string OnlineBatchOne = "online (batch 1)";
    public const string Downloaded = "downloaded";
    public const string DownloadedBatchOne = "downloaded (batch 1)";
    public const string SqliteSuffix = " (sqlite)";
    public const string PostgresSuffix = " (postgres)";

    /// <summary>
    /// The scenarios <paramref name="selection"/> asks for, baselines next to what they are compared with so that
    /// both see the same state of this shared machine. An external server cannot be restarted with another batch
    /// size, so it gets no batch-size baselines.
    /// </summary>
    public static IReadOnlyList<ScenarioPlan> For(string selection, bool canConfigureServer, string provider = "sqlite")
    {
        return provider switch
        {
            "postgres" => ForStores(selection, withSqlite: false),
            "both" => ForStores(selection, withSqlite: true),
            _ => ForSqlite(selection, canConfigureServer),
        };
    }

    /// <summary>
    /// Each workload on PostgreSQL, right after the same workload on SQLite when <paramref name="withSqlite"/>
    /// (its baseline); no batch-size baselines, which are about SQLite's group commit.
    /// </summary>
    private static List<ScenarioPlan> ForStores(string selection, bool withSqlite)
    {
        var plans = new List<ScenarioPlan>();
        foreach (var (name, kind) in new[] { (Health, WorkloadKind.Health), (Online, WorkloadKind.Online), (Downloaded, WorkloadKind.Downloaded) })
        {
            if (selection != "all" && selection != name)
            {
                continue;
            }

            if (withSqlite)
            {
                plans.Add(new ScenarioPlan(name + SqliteSuffix, kind, null, null, StoreProvider.Sqlite));
            }

            plans.Add(new ScenarioPlan(name + PostgresSuffix, kind, null, withSqlite ? name + SqliteSuffix : null, StoreProvider.Postgres));
        }

        return plans;
    }

    private static List<ScenarioPlan> ForSqlite(string selection, bool canConfigureServer)
    {
        var plans = new List<ScenarioPlan>();
        if (selection is "all" or "health")
        {
            plans.Add(new ScenarioPlan(Health, WorkloadKind.Health, null, null));
        }

        if (selection is "all" or "online")
        {
            plans.Add(new ScenarioPlan(Online, WorkloadKind.Online, null, canConfigureServer ? OnlineBatchOne : null));
            if (canConfigureServer)
            {
                plans.Add(new ScenarioPlan(OnlineBatchOne, WorkloadKind.Online, 1, null));
            }
        }

        if (selection is "all" or "downloaded")
        {
            plans.Add(new ScenarioPlan(Downloaded, WorkloadKind.Downloaded, null, canConfigureServer ? DownloadedBatchOne : null));
            if (canConfigureServer)
            {
                plans.Add(new ScenarioPlan(DownloadedBatchOne, WorkloadKind.Downloaded, 1, null));
            }
        }

        return plans;
    }
}
