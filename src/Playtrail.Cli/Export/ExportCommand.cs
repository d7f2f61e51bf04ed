using System.Globalization;
using System.Text.Json;

namespace Playtrail.Cli.Export;

/// <summary><c>playtrail export</c>: downloads a sessions or calls export from a server to a file.</summary>
internal sealed class ExportCommand : ICommand
{
    private const string Help = """
        Usage: playtrail export (sessions|calls) --server URL --output FILE [--format ndjson|csv|parquet]
                                [--from DAY] [--to DAY] [--content-type TYPE] [--downloaded true|false]
                                [--media-id ID] [--api-key KEY] [--json]

        Downloads GET /api/v1/exports/sessions (one row per processed session) or /api/v1/exports/calls
        (one row per analytics call) to FILE. DAYs are yyyy-MM-dd in the server's report time zone,
        inclusive; without them the server exports the last 30 days up to today.

          --server URL          the Playtrail server, e.g. http://127.0.0.1:5080
          --output FILE, -o     the file to write (replaced only once the whole export has arrived)
          --format F            ndjson (default), csv or parquet
          --from DAY, --to DAY  the days watched
          --content-type TYPE   only this content type (vod, live, ...)
          --downloaded BOOL     only downloaded (true) or online (false) sessions
          --media-id ID         only this content
          --api-key KEY         sent as Authorization: Bearer KEY (default: $PLAYTRAIL_API_KEY)
          --json                print the result as one JSON object

        A progress bar goes to standard error (rows for ndjson and csv, bytes for parquet); standard
        output gets only the result.
        Exit codes: 0 exported, 1 the server refused or the download failed (nothing written), 2 usage error.
        """;

    public string Name => "export";

    public string Summary => "Download a sessions or calls export (NDJSON, CSV, Parquet) to a file.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CommandConsole console, CancellationToken cancellationToken)
    {
        if (!ExportOptions.TryParse(args, Environment.GetEnvironmentVariable(ExportOptions.ApiKeyVariable), out var options, out var error, out var help))
        {
            if (help)
            {
                await console.Out.WriteLineAsync(Help).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await console.Error.WriteLineAsync("playtrail export: " + error).ConfigureAwait(false);
            await console.Error.WriteLineAsync(Help).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var download = new ExportDownload(options);
        using var stopProgress = new CancellationTokenSource();
        Task? progress = null;
        (ExportResult? Result, string? Error) outcome;
        try
        {
            outcome = await download.RunAsync(
                () =>
                {
                    progress = ProgressBar.RunAsync(download.Progress, console.Error, console.ErrorIsTerminal, download.Elapsed, stopProgress.Token);
                    return Task.CompletedTask;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the temporary file is already gone, the target untouched.
            outcome = (null, $"cancelled; nothing was written to {options.Output}.");
        }
        finally
        {
            await stopProgress.CancelAsync().ConfigureAwait(false);
            if (progress is not null)
            {
                await progress.ConfigureAwait(false);
            }
        }

        if (outcome.Result is not { } result)
        {
            await console.Error.WriteLineAsync("playtrail export: " + outcome.Error).ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        var text = options.Json
            ? JsonSerializer.Serialize(result, CliJsonContext.Default.ExportResult)
            : string.Create(CultureInfo.InvariantCulture, $"""
                file:    {result.File}
                rows:    {(result.Rows is { } rows ? rows.ToString(CultureInfo.InvariantCulture) : "-")} ({(result.AdvertisedRows is { } advertised ? advertised.ToString(CultureInfo.InvariantCulture) : "?")} counted by the server before it started)
                bytes:   {result.Bytes}
                elapsed: {result.ElapsedSeconds} s
                """);
        await console.Out.WriteLineAsync(text).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
