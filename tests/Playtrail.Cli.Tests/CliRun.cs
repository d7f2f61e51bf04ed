using System.Text;

namespace Playtrail.Cli.Tests;

/// <summary>What one in-process run of <c>playtrail</c> printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>The lines written to standard output.</summary>
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();

    /// <summary>Runs <c>playtrail</c> with <paramref name="args"/>, feeding <paramref name="stdin"/> to standard input.</summary>
    public static async Task<CliRun> RunAsync(string[] args, byte[]? stdin = null)
    {
        using var input = new MemoryStream(stdin ?? []);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Program.RunAsync(args, new CommandConsole(input, output, error));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(args, null);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
