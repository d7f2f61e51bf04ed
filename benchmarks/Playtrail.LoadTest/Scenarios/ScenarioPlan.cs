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
    public const string FloorSuffix = " (floor)";

    /// <summary>True for the bare-Kestrel floor: the same workload against benchmarks/Playtrail.LoadTest.Floor.</summary>
    public bool IsFloor { get; init; }

    /// <summary>The floor scenario of this plan's workload in the same run, when there is one.</summary>
    public string? FloorName { get; init; }

    /// <summary>
    /// The scenarios <paramref name="selection"/> asks for, baselines next to what they are compared with so that
    /// both see the same state of this shared machine. An external server cannot be restarted with another batch
    /// size, so it gets no batch-size baselines.
    /// </summary>
    public static IReadOnlyList<ScenarioPlan> For(string selection, bool canConfigureServer, string provider = "sqlite", bool withFloor = true)
    {
        var plans = provider switch
        {
            "postgres" => ForStores(selection, withSqlite: false),
            "both" => ForStores(selection, withSqlite: true),
            _ => ForSqlite(selection, canConfigureServer),
        };
        return withFloor ? WithFloors(plans) : plans;
    }

    /// <summary>
    /// Puts the floor of each workload right before the first scenario of that workload, so that both see the same
    /// state of the shared machine, and names it in every scenario of the workload for the ratios.
    /// </summary>
    private static List<ScenarioPlan> WithFloors(List<ScenarioPlan> plans)
    {
        var withFloors = new List<ScenarioPlan>();
        var floors = new HashSet<WorkloadKind>();
        foreach (var plan in plans)
        {
            var floorName = WorkloadName(plan.Kind) + FloorSuffix;
            if (floors.Add(plan.Kind))
            {
                withFloors.Add(new ScenarioPlan(floorName, plan.Kind, null, null) { IsFloor = true });
            }

            withFloors.Add(plan with { FloorName = floorName });
        }

        return withFloors;
    }

    private static string WorkloadName(WorkloadKind kind) => kind switch
    {
        WorkloadKind.Health => Health,
        WorkloadKind.Online => Online,
        _ => Downloaded,
    };

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
