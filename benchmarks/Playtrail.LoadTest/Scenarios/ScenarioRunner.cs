using System.Diagnostics;
using System.Globalization;
using System.Net;
using Playtrail.LoadTest.Hosting;
using Playtrail.LoadTest.Measurement;

namespace Playtrail.LoadTest.Scenarios;

/// <summary>
/// Runs one scenario: a fresh server (unless an external one is targeted), a warm-up phase whose numbers are
/// dropped, then the measured phase, with CPU time and fsync calls read around it.
/// </summary>
internal sealed class ScenarioRunner(LoadTestOptions options, TextWriter progress)
{
    // One clock tick (10 ms) of tiering-thread CPU in a second: a stray late promotion, not a tier-up in progress.
    private const long QuietTicksPerSecond = 1;

    public async Task<ScenarioResult> RunAsync(ScenarioPlan plan)
    {
        ServerProcess? server = null;
        Uri baseAddress;
        int? serverPid;
        if (options.ServerUrl is { } external)
        {
            baseAddress = external;
            serverPid = options.ServerPid;
        }
        else
        {
            var settings = new List<KeyValuePair<string, string>>();
            if (plan.MaxBatchSize is { } batchSize)
            {
                settings.Add(new("Storage:Sqlite:MaxBatchSize", batchSize.ToString(CultureInfo.InvariantCulture)));
            }

            server = await ServerProcess.StartAsync(options.ServerDll ?? ServerProcess.DefaultDllPath(), settings).ConfigureAwait(false);
            baseAddress = server.BaseAddress;
            serverPid = server.Pid;
        }

        try
        {
            var result = await MeasureAsync(plan, baseAddress, serverPid).ConfigureAwait(false);
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
        }
    }

    private async Task<ScenarioResult> MeasureAsync(ScenarioPlan plan, Uri baseAddress, int? serverPid)
    {
        var workload = new ClientWorkload(plan.Kind, options.PingsPerSession, options.EventsPerUpload);
        var clients = Enumerable.Range(0, options.Clients).Select(_ => CreateClient(baseAddress)).ToArray();
        try
        {
            var (warmupFailures, warmup) = await WarmUpAsync(plan, workload, clients, serverPid).ConfigureAwait(false);
            using var fsyncs = options.UsePerf && serverPid is { } pid ? await FsyncCounter.StartAsync(pid).ConfigureAwait(false) : null;
            progress.WriteLine($"  {plan.Name}: measuring {options.Clients} clients for up to {options.Duration.TotalSeconds:0.#} s");
            var before = CpuSnapshot.Take(serverPid);
            var recorders = await RunPhaseAsync(workload, clients, new RunBudget(options.Duration, options.MaxRequests)).ConfigureAwait(false);
            var after = CpuSnapshot.Take(serverPid);
            var fsyncCount = fsyncs is null ? null : await fsyncs.StopAsync().ConfigureAwait(false);
            var result = Summarise(plan, recorders, before, after, warmupFailures, warmup, fsyncCount);
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

    private static async Task<ClientRecorder[]> RunPhaseAsync(ClientWorkload workload, HttpClient[] clients, RunBudget budget)
    {
        var recorders = clients.Select(_ => new ClientRecorder()).ToArray();

        // Task.Run so that no client's synchronous start delays the others'.
        await Task.WhenAll(clients.Select((client, i) => Task.Run(() => workload.RunAsync(client, budget, recorders[i])))).ConfigureAwait(false);
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
            outcomes);
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
