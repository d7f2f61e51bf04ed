using System.Collections.Concurrent;
using System.Diagnostics;

namespace Playtrail.Client.Tests.Offline;

/// <summary>The ClientHost test app running as a real child process, with its output lines collected as they come.</summary>
internal sealed class ClientHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ClientHostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                _lines.Enqueue(line.Data);
            }
        };
        _process.BeginOutputReadLine();
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    public static ClientHostProcess Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(HostPath());
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new ClientHostProcess(Process.Start(info) ?? throw new InvalidOperationException("The client host did not start."));
    }

    /// <summary>Waits until a line matching <paramref name="match"/> has been printed (or the generous bound passes).</summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> match) =>
        await Eventually.WaitAsync(() => Task.FromResult(Lines.Any(match) || _process.HasExited), done => done) && Lines.Any(match);

    /// <summary>SIGKILL on Linux and macOS (TerminateProcess on Windows): no finalisers, no flush, as an OS kill would.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _process.WaitForExitAsync(bound.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    /// <summary>The host's build output beside this test assembly's, same configuration and framework.</summary>
    private static string HostPath()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var tests = output.Parent.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(tests, "Playtrail.Testing.ClientHost", "bin", configuration, framework, "Playtrail.Testing.ClientHost.dll");
    }
}
