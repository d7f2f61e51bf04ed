using System.Globalization;
using Playtrail.LoadTest.Measurement;
using Playtrail.LoadTest.Scenarios;

namespace Playtrail.LoadTest.Reporting;

/// <summary>Prints the results as Markdown: the main table, where the CPU went, the ratios, and every status code seen.</summary>
internal static class MarkdownReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Prints one row per scenario. With repeats, the row is the run with the median req/s and the spread of
    /// req/s over all runs is shown beside it.
    /// </summary>
    public static void Print(TextWriter output, LoadTestOptions options, string target, IReadOnlyList<ScenarioResult> runs)
    {
        var rows = runs.GroupBy(run => run.Name).Select(group => (Median: Median(group), All: group.ToList())).ToList();
        var byName = rows.ToDictionary(row => row.Median.Name, row => row.Median);

        output.WriteLine($"Machine: {MachineDescription.Describe()}");
        output.WriteLine($"Server: {target}");
        var load = options.Rate is { } rate
            ? $"open loop at {rate.ToString("N0", Invariant)} requests/s from {options.Clients} clients (one keep-alive connection each, latency from each request's scheduled time)"
            : $"{options.Clients} closed-loop clients (one keep-alive connection each)";
        output.WriteLine(
            $"Load: {load}, {options.Duration.TotalSeconds.ToString("0.#", Invariant)} s measured " +
            $"after a warm-up of at least {options.Warmup.TotalSeconds.ToString("0.#", Invariant)} s under the same load (until the server's background JIT is quiet, at most {options.MaxWarmup.TotalSeconds.ToString("0.#", Invariant)} s), at most {options.MaxRequests.ToString("N0", Invariant)} requests per scenario; " +
            $"online sessions of {options.PingsPerSession} pings, downloaded sessions of {options.EventsPerUpload} events" +
            (options.Repeat > 1 ? $"; {options.Repeat} runs per scenario, median run shown" : "") + ".");
        output.WriteLine();
        output.WriteLine("| scenario | clients | requests | req/s | events/s | MB/s | p50 ms | p95 ms | p99 ms | server CPU-µs/request | server CPU-µs/event | DB CPU-µs/event | server+DB CPU-µs/event | ratio to baseline | to the floor: CPU-µs/request, req/s |");
        output.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
        foreach (var (row, all) in rows)
        {
            var spread = all.Count > 1
                ? $" ({all.Min(run => run.RequestsPerSecond).ToString("N0", Invariant)}–{all.Max(run => run.RequestsPerSecond).ToString("N0", Invariant)})"
                : "";
            output.WriteLine(
                $"| {row.Name} | {row.Clients} | {row.Requests.ToString("N0", Invariant)} | {row.RequestsPerSecond.ToString("N0", Invariant)}{spread} | " +
                $"{(row.Events == 0 ? "–" : row.EventsPerSecond.ToString("N0", Invariant))} | {(row.BytesSent == 0 ? "–" : row.MegabytesPerSecond.ToString("0.0", Invariant))} | " +
                $"{Ms(row.P50Ms)} | {Ms(row.P95Ms)} | {Ms(row.P99Ms)} | {Micro(row.ServerMicrosecondsPerRequest)} | " +
                $"{(row.Events == 0 ? "–" : Micro(row.ServerMicrosecondsPerEvent))} | {(row.Events == 0 ? "–" : Micro(row.DatabaseMicrosecondsPerEvent))} | " +
                $"{(row.Events == 0 ? "–" : Micro(row.TotalMicrosecondsPerEvent))} | {RatioCell(row, byName)} | {FloorCell(row, byName)} |");
        }

        output.WriteLine();
        output.WriteLine("Where the CPU went during each measured window (cores busy = CPU seconds / wall seconds; the machine has " +
            $"{Environment.ProcessorCount}; writer busy = the share of the window the store's writer spent committing, from the " +
            "server's /metrics, summed over PostgreSQL's writer lanes):");
        output.WriteLine();
        output.WriteLine("| scenario | warm-up s | wall s | server cores | writer busy | DB cores | generator cores | other cores | steal | fsync calls (≈ commits) | requests per fsync | server page faults per request | status codes (all runs) |");
        output.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var (row, all) in rows)
        {
            // Every run's answers, not only the median run's: a failure in any run must show.
            var outcomes = all.SelectMany(run => run.Outcomes).GroupBy(outcome => outcome.Key, StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal);
            var statuses = string.Join(", ", outcomes.Select(group => $"{group.Key}: {group.Sum(outcome => outcome.Value).ToString("N0", Invariant)}"));
            foreach (var exit in all.Select(run => run.ServerExit).OfType<string>())
            {
                statuses += $"; server exited during a run ({exit})";
            }

            var warmupFailures = all.Sum(run => run.WarmupFailures);
            if (warmupFailures > 0)
            {
                statuses += $"; failed during warm-up: {warmupFailures.ToString("N0", Invariant)}";
            }

            output.WriteLine(
                $"| {row.Name} | {WarmupCell(row.Warmup)} | {row.Wall.TotalSeconds.ToString("0.0", Invariant)} | {Cores(row.ServerCores)} | {Cores(row.WriterBusy)} | {Cores(row.DatabaseCores)} | {Cores(row.GeneratorCores)} | " +
                $"{Cores(row.OtherCores)} | {Cores(row.StealCores)} | {(row.Fsyncs is { } fsyncs ? fsyncs.ToString("N0", Invariant) : "–")} | " +
                $"{(row.RequestsPerFsync is { } perFsync ? perFsync.ToString("0.0", Invariant) : "–")} | " +
                $"{(row.MinorFaultsPerRequest is { } faults ? faults.ToString("0.0", Invariant) : "–")} | {statuses} |");
        }

        output.WriteLine();
        output.WriteLine("What the clients got: the requests the server took (answered with the status asked for) apart from those it " +
            "refused, the slowest answer of any kind, and the server's resident memory over the window:");
        output.WriteLine();
        output.WriteLine("| scenario | taken | taken p50 ms | taken p99 ms | slowest answer ms | 503 | 429 | RSS start / peak / end MiB |");
        output.WriteLine("|---|--:|--:|--:|--:|--:|--:|---|");
        foreach (var (row, _) in rows)
        {
            var accepted = row.Accepted;
            output.WriteLine(
                $"| {row.Name} | {(accepted is { } share ? share.Share.ToString("P1", Invariant) : "–")} | {(accepted is { } p50 ? Ms(p50.P50Ms) : "–")} | " +
                $"{(accepted is { } p99 ? Ms(p99.P99Ms) : "–")} | {Ms(row.MaxMs)} | {row.Outcomes.GetValueOrDefault("503").ToString("N0", Invariant)} | " +
                $"{row.Outcomes.GetValueOrDefault("429").ToString("N0", Invariant)} | " +
                $"{(row.RssMiB is { } rss ? $"{rss.Start.ToString("0", Invariant)} / {rss.Peak.ToString("0", Invariant)} / {rss.End.ToString("0", Invariant)}" : "–")} |");
        }

        var ratios = Ratios(byName).ToList();
        if (ratios.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Ratios (same run, same machine):");
            output.WriteLine();
            foreach (var line in ratios)
            {
                output.WriteLine("- " + line);
            }
        }
    }

    private static ScenarioResult Median(IEnumerable<ScenarioResult> runs)
    {
        var sorted = runs.OrderBy(run => run.RequestsPerSecond).ToList();
        return sorted[sorted.Count / 2];
    }

    private static string RatioCell(ScenarioResult row, Dictionary<string, ScenarioResult> byName)
    {
        if (row.Name == ScenarioPlan.Health || (row.Name.StartsWith(ScenarioPlan.Health + " ", StringComparison.Ordinal) && row.Baseline is null))
        {
            return "floor";
        }

        if (row.Baseline is { } baseline && byName.TryGetValue(baseline, out var baseRow))
        {
            return $"{(row.RequestsPerSecond / baseRow.RequestsPerSecond).ToString("0.00", Invariant)}× req/s of {baseline}";
        }

        return row.Name.EndsWith("(batch 1)", StringComparison.Ordinal)
            || (row.Name.EndsWith(ScenarioPlan.SqliteSuffix, StringComparison.Ordinal) && byName.ContainsKey(row.Name.Replace(ScenarioPlan.SqliteSuffix, ScenarioPlan.PostgresSuffix, StringComparison.Ordinal)))
            ? "baseline"
            : "–";
    }

    /// <summary>This scenario against HTTP alone: its server CPU per request and its req/s, each over the floor's.</summary>
    private static string FloorCell(ScenarioResult row, Dictionary<string, ScenarioResult> byName)
    {
        if (row.Name.EndsWith(ScenarioPlan.FloorSuffix, StringComparison.Ordinal))
        {
            return "floor";
        }

        return row.Floor is { } name && byName.TryGetValue(name, out var floor)
            ? $"{Times(row.ServerMicrosecondsPerRequest, floor.ServerMicrosecondsPerRequest)} CPU, {Times(row.RequestsPerSecond, floor.RequestsPerSecond)} req/s"
            : "–";
    }

    private static IEnumerable<string> Ratios(Dictionary<string, ScenarioResult> byName)
    {
        foreach (var (grouped, single, unit) in new[]
        {
            (ScenarioPlan.Online, ScenarioPlan.OnlineBatchOne, "events/s"),
            (ScenarioPlan.Downloaded, ScenarioPlan.DownloadedBatchOne, "sessions/s"),
        })
        {
            if (byName.TryGetValue(grouped, out var withGroupCommit) && byName.TryGetValue(single, out var withoutGroupCommit))
            {
                yield return $"Group commit, {grouped}: {Times(withGroupCommit.RequestsPerSecond, withoutGroupCommit.RequestsPerSecond)} the {unit} of " +
                    $"MaxBatchSize=1 ({withGroupCommit.RequestsPerSecond.ToString("N0", Invariant)} vs {withoutGroupCommit.RequestsPerSecond.ToString("N0", Invariant)}); " +
                    $"server CPU-µs/request {Micro(withGroupCommit.ServerMicrosecondsPerRequest)} vs {Micro(withoutGroupCommit.ServerMicrosecondsPerRequest)}; " +
                    $"p99 {Ms(withGroupCommit.P99Ms)} vs {Ms(withoutGroupCommit.P99Ms)} ms; " +
                    $"requests per fsync {PerFsync(withGroupCommit)} vs {PerFsync(withoutGroupCommit)}.";
            }
        }

        foreach (var workload in new[] { ScenarioPlan.Health, ScenarioPlan.Online, ScenarioPlan.Downloaded })
        {
            if (byName.TryGetValue(workload + ScenarioPlan.PostgresSuffix, out var postgres) && byName.TryGetValue(workload + ScenarioPlan.SqliteSuffix, out var sqlite))
            {
                var unit = workload == ScenarioPlan.Health ? "req/s" : "events/s";
                var postgresRate = workload == ScenarioPlan.Health ? postgres.RequestsPerSecond : postgres.EventsPerSecond;
                var sqliteRate = workload == ScenarioPlan.Health ? sqlite.RequestsPerSecond : sqlite.EventsPerSecond;
                var perWhat = workload == ScenarioPlan.Health ? "request" : "event";
                var postgresServer = workload == ScenarioPlan.Health ? postgres.ServerMicrosecondsPerRequest : postgres.ServerMicrosecondsPerEvent;
                var sqliteServer = workload == ScenarioPlan.Health ? sqlite.ServerMicrosecondsPerRequest : sqlite.ServerMicrosecondsPerEvent;
                yield return $"PostgreSQL/SQLite, {workload}: {Times(postgresRate, sqliteRate)} the {unit} ({postgresRate.ToString("N0", Invariant)} vs {sqliteRate.ToString("N0", Invariant)}); " +
                    $"server CPU-µs per {perWhat} {Times(postgresServer, sqliteServer)} ({Micro(postgresServer)} vs {Micro(sqliteServer)}), " +
                    (workload == ScenarioPlan.Health ? "" : $"server+DB CPU-µs per event {Times(postgres.TotalMicrosecondsPerEvent, sqlite.TotalMicrosecondsPerEvent)} ({Micro(postgres.TotalMicrosecondsPerEvent)} vs {Micro(sqlite.TotalMicrosecondsPerEvent)}); ") +
                    $"p99 {Ms(postgres.P99Ms)} vs {Ms(sqlite.P99Ms)} ms.";
            }
        }

        if (byName.TryGetValue(ScenarioPlan.Health, out var health))
        {
            if (byName.TryGetValue(ScenarioPlan.Online, out var online))
            {
                yield return $"Online vs the /health floor: online events/s are {Times(online.EventsPerSecond, health.RequestsPerSecond)} /health req/s; " +
                    $"server CPU per online event is {Times(online.ServerMicrosecondsPerRequest, health.ServerMicrosecondsPerRequest)} a /health request " +
                    $"({Micro(online.ServerMicrosecondsPerRequest)} vs {Micro(health.ServerMicrosecondsPerRequest)} µs).";
            }

            if (byName.TryGetValue(ScenarioPlan.Downloaded, out var downloaded))
            {
                yield return $"Downloaded vs the /health floor: {Times(downloaded.EventsPerSecond, health.RequestsPerSecond)} as many events/s as /health req/s; " +
                    $"server CPU per downloaded event is {Times(downloaded.ServerMicrosecondsPerEvent, health.ServerMicrosecondsPerRequest)} a /health request.";
            }
        }
    }

    private static string WarmupCell(WarmupOutcome warmup) => warmup.Duration.TotalSeconds.ToString("0.0", Invariant) + warmup.JitQuiet switch
    {
        true => " (JIT quiet)",
        false => " (JIT still busy)",
        null => "",
    };

    private static string Times(double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } d && d > 0 ? (n / d).ToString("0.00", Invariant) + "×" : "–";

    private static string PerFsync(ScenarioResult row) => row.RequestsPerFsync is { } value ? value.ToString("0.0", Invariant) : "–";

    private static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString(value < 10 ? "0.00" : "0.0", Invariant);

    private static string Micro(double? value) => value is { } micro ? micro.ToString(micro < 10 ? "0.0" : "N0", Invariant) : "–";

    private static string Cores(double? value) => value is { } cores ? cores.ToString("0.00", Invariant) : "–";
}
