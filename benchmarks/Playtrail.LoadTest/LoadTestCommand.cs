using Playtrail.LoadTest.Hosting;
using Playtrail.LoadTest.Measurement;
using Playtrail.LoadTest.Reporting;
using Playtrail.LoadTest.Scenarios;

namespace Playtrail.LoadTest;

/// <summary>Parses the command line, runs the scenarios, prints the report and chooses the exit code.</summary>
internal static class LoadTestCommand
{
    public const int Succeeded = 0;
    public const int RequestsFailed = 1;
    public const int UsageOrStartFailure = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter progress)
    {
        var options = LoadTestOptions.Parse(args, out var error);
        if (options is null)
        {
            await progress.WriteLineAsync(error).ConfigureAwait(false);
            return UsageOrStartFailure;
        }

        if (options.ShowHelp)
        {
            await output.WriteLineAsync(LoadTestOptions.Usage).ConfigureAwait(false);
            return Succeeded;
        }

        if (options.ServerPid is not null && options.ServerUrl is null)
        {
            await progress.WriteLineAsync("--server-pid only applies with --server.").ConfigureAwait(false);
            return UsageOrStartFailure;
        }

        if (options.ServerUrl is not null && options.Provider != "sqlite")
        {
            await progress.WriteLineAsync("--provider postgres or both needs the harness to start the server; drop --server.").ConfigureAwait(false);
            return UsageOrStartFailure;
        }

        var plans = ScenarioPlan.For(options.Scenario, canConfigureServer: options.ServerUrl is null, options.Provider, options.WithFloor);
        var target = options.ServerUrl?.ToString() ?? $"child process: dotnet {Path.GetRelativePath(Directory.GetCurrentDirectory(), options.ServerDll ?? ServerProcess.DefaultDllPath())}";
        await using var runner = new ScenarioRunner(options, progress);
        var results = new List<ScenarioResult>();
        for (var round = 1; round <= options.Repeat; round++)
        {
            foreach (var plan in plans)
            {
                await progress.WriteLineAsync($"[{round}/{options.Repeat}] {plan.Name}").ConfigureAwait(false);
                try
                {
                    results.Add(await runner.RunAsync(plan).ConfigureAwait(false));
                }
                catch (Exception exception) when (exception is InvalidOperationException or FileNotFoundException)
                {
                    await progress.WriteLineAsync(exception.Message).ConfigureAwait(false);
                    return UsageOrStartFailure;
                }
            }
        }

        if (runner.Database is { } database)
        {
            target += $"; PostgreSQL: {database}";
        }

        MarkdownReport.Print(output, options, target, results);
        var failures = results.Sum(result => result.Failures + result.WarmupFailures);
        if (results.Any(result => result.ServerExit is not null))
        {
            await progress.WriteLineAsync("The server exited during a scenario; see the status codes above.").ConfigureAwait(false);
            return RequestsFailed;
        }

        if (failures > 0)
        {
            await progress.WriteLineAsync($"{failures} requests did not get their expected status; see the status codes above.").ConfigureAwait(false);
            return RequestsFailed;
        }

        return Succeeded;
    }
}
