namespace Playtrail.Cli;

/// <summary>The <c>playtrail</c> command line: a small dispatcher over named commands.</summary>
internal static class Program
{
    private static readonly ICommand[] Commands = [new Validation.ValidateCommand(), new Simulation.SimulateCommand(), new Upload.UploadCommand(), new Export.ExportCommand()];

    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        var console = new CommandConsole(Console.OpenStandardInput(), Console.Out, Console.Error, ErrorIsTerminal: !Console.IsErrorRedirected);
        return await RunAsync(args, console, cancellation.Token).ConfigureAwait(false);
    }

    /// <summary>Runs the command named by <paramref name="args"/>[0] and returns the process exit code.</summary>
    internal static async Task<int> RunAsync(string[] args, CommandConsole console, CancellationToken cancellationToken = default)
    {
        if (args.Length == 0)
        {
            await WriteUsageAsync(console.Error).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (args[0] is "-h" or "--help" or "help")
        {
            await WriteUsageAsync(console.Out).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var command = Array.Find(Commands, c => c.Name == args[0]);
        if (command is null)
        {
            await console.Error.WriteLineAsync($"playtrail: unknown command '{args[0]}'.").ConfigureAwait(false);
            await WriteUsageAsync(console.Error).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await command.RunAsync(args[1..], console, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteUsageAsync(TextWriter writer)
    {
        await writer.WriteLineAsync("Usage: playtrail <command> [options]").ConfigureAwait(false);
        await writer.WriteLineAsync().ConfigureAwait(false);
        await writer.WriteLineAsync("Commands:").ConfigureAwait(false);
        foreach (var command in Commands)
        {
            await writer.WriteLineAsync($"  {command.Name,-10} {command.Summary}").ConfigureAwait(false);
        }

        await writer.WriteLineAsync().ConfigureAwait(false);
        await writer.WriteLineAsync("Run 'playtrail <command> --help' for a command's options.").ConfigureAwait(false);
    }
}
