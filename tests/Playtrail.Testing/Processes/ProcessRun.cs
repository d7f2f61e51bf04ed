using System.Diagnostics;
using System.Text;

namespace Playtrail.Testing.Processes;

/// <summary>What a finished child process left: its exit code, its standard output and its standard error.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>The lines written to standard output.</summary>
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();

    /// <summary>Both streams, for an assertion message.</summary>
    public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Error}";
}

/// <summary>Runs a program (the <c>dotnet</c> CLI, a built app, an installed tool) to its end, as a user at a terminal would.</summary>
public static class ProcessRun
{
    /// <summary>A hang guard, not a timing assertion: a build or pack on a busy two-core machine takes well under this.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    public static Task<ProcessResult> DotnetAsync(string workingDirectory, params string[] arguments) =>
        RunAsync("dotnet", workingDirectory, null, arguments);

    public static Task<ProcessResult> DotnetAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunAsync("dotnet", workingDirectory, environment, arguments);

    public static async Task<ProcessResult> RunAsync(
        string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // A child `dotnet` must not inherit the test host's MSBuild state (it would build with the runner's settings).
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(error, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var bound = new CancellationTokenSource(Bound);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {Bound}:\n{Text(output)}\n{Text(error)}");
        }

        // The parameterless wait also drains the redirected streams.
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, Text(output), Text(error));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
