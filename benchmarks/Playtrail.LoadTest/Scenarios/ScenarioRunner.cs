using System.Diagnostics;
using System.Globalization;
using System.Net;
using Playtrail.LoadTest.Hosting;
using Npgsql;
using Playtrail.LoadTest.Measurement;
using Playtrail.Testing;

namespace Playtrail.LoadTest.Scenarios;

/// <summary>
/// Runs one scenario: a fresh server (unless an external one is targeted), a warm-up phase whose numbers are
/// dropped, then the measured phase, with CPU time and fsync calls read around it. PostgreSQL scenarios share one
/// cluster, started on first use with fsync on and stopped when the runner is disposed; each run gets a fresh
/// database, dropped afterwards.
/// </summary>
internal sealed class ScenarioRunner(LoadTestOptions options, TextWriter progress) : IAsyncDisposable
{
    private PostgresServer? _postgres;

    // One clock tick (10 ms) of tiering-thread CPU in a second: a stray late promotion, not a tier-up in progress.
    private const long QuietTicksPerSecond = 1;

    /// <summary>What the PostgreSQL cluster runs (version and durability settings), once one has been started.</summary>
    public string? Database { get; private set; }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
            _postgres = null;
        }
    }

    public async Task<ScenarioResult> RunAsync(ScenarioPlan plan)
    {
        ServerProcess? server = null;
        Uri baseAddress;
        int? serverPid;
        string? database = null;
        if (plan.IsFloor)
        {
            server = await ServerProcess.StartAsync(ServerProcess.FloorDllPath(), []).ConfigureAwait(false);
            baseAddress = server.BaseAddress;
            serverPid = server.Pid;
        }
        else if (options.ServerUrl is { } external)
        {
            baseAddress = external;
            serverPid = options.ServerPid;
        }
        else
        {
            var settings = new List<KeyValuePair<string, string>>(options.ServerSettings);
            if (plan.MaxBatchSize is { } batchSize)
            {
                settings.Add(new("Storage:Sqlite:MaxBatchSize", batchSize.ToString(CultureInfo.InvariantCulture)));
            }

            if (plan.Provider == StoreProvider.Postgres)
            {
                var cluster = await PostgresAsync().ConfigureAwait(false);
                database = await cluster.CreateDatabaseAsync("loadtest_" + Guid.NewGuid().ToString("N")).ConfigureAwait(false);
                settings.Add(new("Storage:Provider", "postgres"));
                settings.Add(new("Storage:Postgres:ConnectionString", database));
            }

            server = await ServerProcess.StartAsync(options.ServerDll ?? ServerProcess.DefaultDllPath(), settings).ConfigureAwait(false);
            baseAddress = server.BaseAddress;
            serverPid = server.Pid;
        }

        try
        {
            var result = await MeasureAsync(plan, baseAddress, serverPid, database is null ? null : _postgres!.ProcessId).ConfigureAwait(false);
            if (server?.UnexpectedExit is { } exit)
            {
                progress.WriteLine($"  {plan.Name}: the server exited during the scenario ({exit})");
                return result with { ServerExit = exit.Split(Environment.NewLine)[0] };
            }

            return result;
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            if (database is not null)
            {
                await DropDatabaseAsync(database).ConfigureAwait(false);
            }
        }
    }

    private async Task<PostgresServer> PostgresAsync()
    {
        if (_postgres is not null)
        {
            return _postgres;
        }

        progress.WriteLine("  starting a PostgreSQL cluster (fsync on) from the machine's binaries");
        _postgres = await PostgresServer.StartDurableAsync().ConfigureAwait(false);
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT 'PostgreSQL ' || current_setting('server_version') || ', fsync=' || current_setting('fsync') || ', synchronous_commit=' || " +
            "current_setting('synchronous_commit') || ', full_page_writes=' || current_setting('full_page_writes') || ', shared_buffers=' || current_setting('shared_buffers')",
            connection);
        Database = (string?)await command.ExecuteScalarAsync().ConfigureAwait(false);
        return _postgres;
    }

    private async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_postgres!.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task<ScenarioResult> MeasureAsync(ScenarioPlan plan, Uri baseAddress, int? serverPid, int? postmasterPid)
    {
        var workload = new ClientWorkload(plan.Kind, options.PingsPerSession, options.EventsPerUpload);
        var clients = Enumerable.Range(0, options.Clients).Select(_ => CreateClient(baseAddress)).ToArray();
        try
        {
            var (warmupFailures, warmup) = await WarmUpAsync(plan, workload, clients, serverPid).ConfigureAwait(false);
            var metricsBefore = await SettleAsync(clients[0]).ConfigureAwait(false);
            var windowStarted = Stopwatch.GetTimestamp();
            // With PostgreSQL the commits' WAL flushes happen in its backends and WAL writer: count those too.
            using var fsyncs = options.UsePerf && serverPid is { } pid
                ? await FsyncCounter.StartAsync([pid, .. postmasterPid is { } postmaster ? DatabaseCpu.Children(postmaster) : []]).ConfigureAwait(false)
                : null;
            progress.WriteLine($"  {plan.Name}: measuring {options.Clients} clients for up to {options.Duration.TotalSeconds:0.#} s");
            using var memory = serverPid is { } rssPid ? RssSampler.Start(rssPid) : null;
            var before = CpuSnapshot.Take(serverPid, postmasterPid);
            var recorders = await RunPhaseAsync(workload, clients, new RunBudget(options.Duration, options.MaxRequests)).ConfigureAwait(false);
            var metricsAfter = await SettleAsync(clients[0]).ConfigureAwait(false);
            var window = Stopwatch.GetElapsedTime(windowStarted);
            var after = CpuSnapshot.Take(serverPid, postmasterPid);
            var rss = memory is null ? null : await memory.StopAsync().ConfigureAwait(false);
            var fsyncCount = fsyncs is null ? null : await fsyncs.StopAsync().ConfigureAwait(false);
            var result = Summarise(plan, recorders, before, after, warmupFailures, warmup, fsyncCount) with
            {
                RssMiB = rss,
                WriterBusy = WriterBusySeconds(metricsAfter) - WriterBusySeconds(metricsBefore) is { } busy ? busy / window.TotalSeconds : null,
            };
            progress.WriteLine($"  {plan.Name}: {result.Requests:N0} requests, {result.RequestsPerSecond:N0} req/s; " +
                string.Join(", ", result.Outcomes.Select(outcome => $"{outcome.Key}: {outcome.Value:N0}")) +
                (warmupFailures > 0 ? $"; {warmupFailures:N0} failed during warm-up" : ""));
            return result;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// Runs the workload unmeasured for at least the minimum warm-up and then, when the server's threads can be
    /// read, until its background JIT has been quiet for two seconds (or the cap is reached), so that the measured
    /// window sees the server's steady state rather than its tier-up.
    /// </summary>
    /// <summary>
    /// Waits until the server has processed the sessions closed so far. A server that answers closes before processing
    /// them (docs/decisions/0022-closes-answered-before-processing.md) holds a read of <c>/metrics</c> until then, so
    /// the processing of the warm-up's last closes does not land in the measured window, and that of the window's last
    /// closes is counted in its CPU, as it is for a server that processes each close before answering it.
    /// </summary>
    /// <returns>The text of <c>/metrics</c>, or null when it could not be read.</returns>
    private static async Task<string?> SettleAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative)).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync().ConfigureAwait(false) : null;
        }
        catch (HttpRequestException)
        {
            // A server without the route or a failed read: nothing to wait for that this could see.
            return null;
        }
    }

    /// <summary>The server's <c>playtrail_store_writer_busy_seconds_total</c> in a scrape, null when absent (an older build).</summary>
    private static double? WriterBusySeconds(string? metrics)
    {
        const string Series = "playtrail_store_writer_busy_seconds_total{} ";
        var line = metrics?.Split('\n').FirstOrDefault(line => line.StartsWith(Series, StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[Series.Length..].Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private async Task<(long Failures, WarmupOutcome Outcome)> WarmUpAsync(ScenarioPlan plan, ClientWorkload workload, HttpClient[] clients, int? serverPid)
    {
        var cap = serverPid is null || options.MaxWarmup < options.Warmup ? options.Warmup : options.MaxWarmup;
        if (cap <= TimeSpan.Zero)
        {
            return (0, new WarmupOutcome(TimeSpan.Zero, JitQuiet: null));
        }

        progress.WriteLine(serverPid is null
            ? $"  {plan.Name}: warming up for {options.Warmup.TotalSeconds:0.#} s"
            : $"  {plan.Name}: warming up for {options.Warmup.TotalSeconds:0.#} to {cap.TotalSeconds:0.#} s, until the server's JIT is quiet");
        var started = Stopwatch.GetTimestamp();
        var budget = new RunBudget(cap, long.MaxValue);
        var phase = RunPhaseAsync(workload, clients, budget);
        bool? jitQuiet = null;
        if (serverPid is { } pid)
        {
            var monitor = new TieringMonitor(pid);
            monitor.TicksSinceLastSample();
            var quietSeconds = 0;
            jitQuiet = false;
            while (!phase.IsCompleted)
            {
                await Task.WhenAny(phase, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
                quietSeconds = monitor.TicksSinceLastSample() <= QuietTicksPerSecond ? quietSeconds + 1 : 0;
                if (quietSeconds >= 2 && Stopwatch.GetElapsedTime(started) >= options.Warmup)
                {
                    jitQuiet = true;
                    budget.Stop();
                }
            }
        }

        var recorders = await phase.ConfigureAwait(false);
        return (recorders.Sum(recorder => recorder.Failures), new WarmupOutcome(Stopwatch.GetElapsedTime(started), jitQuiet));
    }

    private async Task<ClientRecorder[]> RunPhaseAsync(ClientWorkload workload, HttpClient[] clients, RunBudget budget)
    {
        var recorders = clients.Select(_ => new ClientRecorder()).ToArray();
        var pacers = clients.Select((_, i) => options.Rate is { } rate ? Pacer.OpenLoop(rate, i, clients.Length) : Pacer.ClosedLoop()).ToArray();

        // Task.Run so that no client's synchronous start delays the others'.
        await Task.WhenAll(clients.Select((client, i) => Task.Run(() => workload.RunAsync(client, budget, recorders[i], pacers[i])))).ConfigureAwait(false);
        return recorders;
    }

    /// <summary>One client, one keep-alive connection, like one viewer's device.</summary>
    private static HttpClient CreateClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    private ScenarioResult Summarise(ScenarioPlan plan, ClientRecorder[] recorders, CpuSnapshot before, CpuSnapshot after, long warmupFailures, WarmupOutcome warmup, long? fsyncs)
    {
        var latencies = recorders.SelectMany(recorder => recorder.Latencies).ToArray();
        Array.Sort(latencies);
        var outcomes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (outcome, count) in recorders.SelectMany(recorder => recorder.Outcomes))
        {
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + count;
        }

        var ticksPerSecond = (double)Native.ClockTicksPerSecond;
        return new ScenarioResult(
            plan.Name,
            plan.Baseline,
            options.Clients,
            latencies.Length,
            recorders.Sum(recorder => recorder.Failures),
            warmupFailures,
            warmup,
            recorders.Sum(recorder => recorder.EventsAccepted),
            recorders.Sum(recorder => recorder.BytesSent),
            Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp),
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95),
            Percentile(latencies, 0.99),
            after.Server?.Cpu - before.Server?.Cpu,
            after.Server?.MinorFaults - before.Server?.MinorFaults,
            after.Generator - before.Generator,
            after.Machine is { } endBusy && before.Machine is { } startBusy ? TimeSpan.FromSeconds((endBusy.Busy - startBusy.Busy) / ticksPerSecond) : null,
            after.Machine is { } endSteal && before.Machine is { } startSteal ? TimeSpan.FromSeconds((endSteal.Steal - startSteal.Steal) / ticksPerSecond) : null,
            fsyncs,
            outcomes)
        {
            DatabaseCpu = after.Database - before.Database,
            Floor = plan.FloorName,
            Accepted = AcceptedLatency(recorders, latencies.Length),
            MaxMs = latencies.Length == 0 ? double.NaN : latencies[^1] * 1000.0 / Stopwatch.Frequency,
        };
    }

    private static (double, double, double)? AcceptedLatency(ClientRecorder[] recorders, int answered)
    {
        var accepted = recorders.SelectMany(recorder => recorder.AcceptedLatencies).ToArray();
        Array.Sort(accepted);
        return answered == 0 ? null : (Percentile(accepted, 0.50), Percentile(accepted, 0.99), (double)accepted.Length / answered);
    }

    /// <summary>Nearest-rank percentile of sorted Stopwatch tick counts, in milliseconds.</summary>
    private static double Percentile(long[] sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(fraction * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
