using System.Globalization;
using System.Text.Json;

namespace Playtrail.Cli.Upload;

/// <summary><c>playtrail upload</c>: sends what device stores hold, as the SDK would once back online.</summary>
internal sealed class UploadCommand : ICommand
{
    private const string Help = """
        Usage: playtrail upload --store DIR --server URL [--timeout SECONDS] [--json]

        Opens every device store (*.db, as 'playtrail simulate --store DIR' or an app using the SDK leaves
        them) in DIR, closes sessions a crash left open, and uploads every ready session to the server with
        the SDK's uploader: oldest first, one in flight, each with its Idempotency-Key (so a session the
        server already has is counted once), transient failures retried after a back-off, refused sessions
        kept as dead letters.

          --store DIR          the folder of device stores
          --server URL         the Playtrail server, e.g. http://127.0.0.1:5080
          --timeout SECONDS    real time allowed, retries included (default 120)
          --json               print the result as one JSON object

        A progress bar goes to standard error; standard output gets only the result.
        Exit codes: 0 no ready session is left, 1 some are (still failing, or the timeout passed), 2 usage error.
        """;

    public string Name => "upload";

    public string Summary => "Send the sessions device stores hold to a server.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CommandConsole console, CancellationToken cancellationToken)
    {
        if (!UploadOptions.TryParse(args, out var options, out var error, out var help))
        {
            if (help)
            {
                await console.Out.WriteLineAsync(Help).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await console.Error.WriteLineAsync("playtrail upload: " + error).ConfigureAwait(false);
            await console.Error.WriteLineAsync(Help).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var uploads = new StoreUploads(options);
        using var stopProgress = new CancellationTokenSource();
        var progress = ProgressBar.RunAsync(uploads.Progress, console.Error, console.ErrorIsTerminal, uploads.Elapsed, stopProgress.Token);
        UploadResult result;
        try
        {
            result = await uploads.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopProgress.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(false);
        }

        var text = options.Json
            ? JsonSerializer.Serialize(result, CliJsonContext.Default.UploadResult)
            : string.Create(CultureInfo.InvariantCulture, $"""
                stores:        {result.Stores}
                uploaded:      {result.Uploaded} ({result.Replayed} the server already had)
                retried:       {result.Retried}
                dead-lettered: {result.DeadLettered}
                ready left:    {result.ReadyLeft}
                elapsed:       {result.ElapsedSeconds} s
                """);
        await console.Out.WriteLineAsync(text).ConfigureAwait(false);
        return result.ReadyLeft == 0 ? ExitCodes.Success : ExitCodes.Invalid;
    }
}
