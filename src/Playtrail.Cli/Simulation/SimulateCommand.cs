using System.Globalization;
using System.Text.Json;

namespace Playtrail.Cli.Simulation;

/// <summary>
/// <c>playtrail simulate</c>: plays realistic sessions through the SDK in virtual time against a real server, online
/// or downloaded, and reports whether every event arrived.
/// </summary>
internal sealed class SimulateCommand : ICommand
{
    private const string Help = """
        Usage: playtrail simulate --server URL --sessions N [--downloaded-share F] [--store DIR] [--seed S]
                                  [--players P] [--days-back D] [--timeout SECONDS] [--json]

        Plays N realistic sessions (pre-rolls, chapters and mid-rolls, pauses, buffering, bitrate changes,
        player states, seeks, ad skips, rare errors; about 60 % watched to the end) through the Playtrail
        SDK in virtual time: each simulated player has its own client and clock, so an hour of viewing takes
        milliseconds while every event still goes to the server over HTTP.

          --server URL            the Playtrail server, e.g. http://127.0.0.1:5080
          --sessions N            sessions to play
          --downloaded-share F    share of them played as downloaded content, 0 to 1 (default 0); they are
                                  recorded in device stores under --store and uploaded at the end
          --store DIR             folder of the device stores, one SQLite file per player (required when
                                  F is above 0; 'playtrail upload --store DIR' sends whatever is left)
          --seed S                seed of the sessions (default: random, printed in the result)
          --players P             simulated players in parallel, 1 to 256 (default 8)
          --days-back D           downloaded sessions were watched up to D days ago, 1 to 29 (default 7);
                                  online ones in the last hours
          --timeout SECONDS       real time allowed for the whole run (default 600)
          --json                  print the result as one JSON object

        A progress bar goes to standard error; standard output gets only the result.
        Exit codes: 0 every event arrived, 1 some were dropped, refused or still waiting, 2 usage error.
        """;

    public string Name => "simulate";

    public string Summary => "Play realistic sessions through the SDK against a server, in virtual time.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CommandConsole console, CancellationToken cancellationToken)
    {
#pragma warning disable CA5394 // A seed for test data, not security.
        var defaultSeed = Random.Shared.Next(1, 1_000_000);
#pragma warning restore CA5394
        if (!SimulateOptions.TryParse(args, defaultSeed, out var options, out var error, out var help))
        {
            if (help)
            {
                await console.Out.WriteLineAsync(Help).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await console.Error.WriteLineAsync("playtrail simulate: " + error).ConfigureAwait(false);
            await console.Error.WriteLineAsync(Help).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (options.Store is not null)
        {
            Directory.CreateDirectory(options.Store);
        }

        var simulator = new Simulator(options);
        using var stopProgress = new CancellationTokenSource();
        var progress = ProgressBar.RunAsync(simulator.Progress, console.Error, console.ErrorIsTerminal, simulator.Elapsed, stopProgress.Token);
        SimulationResult result;
        try
        {
            result = await simulator.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopProgress.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync(options.Json ? JsonSerializer.Serialize(result, CliJsonContext.Default.SimulationResult) : Text(result))
            .ConfigureAwait(false);
        return result.Succeeded ? ExitCodes.Success : ExitCodes.Invalid;
    }

    private static string Text(SimulationResult result)
    {
        var dropped = result.Dropped.Count == 0 ? "none" : string.Join(", ", result.Dropped.Select(pair => $"{pair.Key} {pair.Value}"));
        return string.Create(CultureInfo.InvariantCulture, $"""
            sessions played:   {result.OnlineSessions + result.DownloadedSessions} ({result.OnlineSessions} online, {result.DownloadedSessions} downloaded), seed {result.Seed}
            events emitted:    {result.EventsEmitted} ({result.OnlineEventsEmitted} online, {result.EventsEmitted - result.OnlineEventsEmitted} downloaded)
            online sent:       {result.OnlineEventsSent}{(result.OnlineEventsUnsettled > 0 ? $" ({result.OnlineEventsUnsettled} still unsent at the timeout)" : "")}
            dropped:           {dropped}
            sessions uploaded: {result.SessionsUploaded} (waiting to retry {result.SessionsRetryLater}, dead-lettered {result.SessionsDeadLettered})
            elapsed:           {result.ElapsedSeconds} s
            result:            {(result.Succeeded ? "every event arrived" : "some events did not arrive")}
            see:               {result.SummaryUrl}
            """);
    }
}
