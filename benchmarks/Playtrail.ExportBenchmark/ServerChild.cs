using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Playtrail.ExportBenchmark;

/// <summary>
/// The server's Release binary as a child process on 127.0.0.1 (port 0) over an existing SQLite file, with the runtime
/// settings it ships with (server GC), so its memory read from /proc is the server's alone.
/// </summary>
internal sealed partial class ServerChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerChild(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public int Pid => _process.Id;

    /// <summary>The server binary built beside this harness, in the same configuration.</summary>
    public static string DllPath()
    {
        var configuration = typeof(ServerChild).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Playtrail.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? ".", "src", "Playtrail.Server", "bin", configuration, "net10.0", "Playtrail.Server.dll");
    }

    public static async Task<ServerChild> StartAsync(string databasePath)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(DllPath());
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.ArgumentList.Add($"--Storage:Sqlite:Path={databasePath}");
        start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        start.ArgumentList.Add("--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerChild(process);
        process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnOutput(e.Data);
        process.Exited += (_, _) => server._listening.TrySetException(new InvalidOperationException("The server exited during start-up."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        server.BaseAddress = await server._listening.Task.WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        (await client.GetAsync(new Uri("/health", UriKind.Relative)).ConfigureAwait(false)).EnsureSuccessStatusCode();
        return server;
    }

    /// <summary>A field of /proc/&lt;pid&gt;/status in kB, e.g. <c>VmRSS</c> or <c>VmHWM</c>.</summary>
    public long StatusKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No {field} in /proc/{Pid}/status.");
    }

    /// <summary>Resets VmHWM to the current RSS (proc(5), clear_refs value 5), so the next peak is one measurement's.</summary>
    public void ResetPeak() => File.WriteAllText($"/proc/{Pid}/clear_refs", "5");

    /// <summary>User plus system CPU time from /proc/&lt;pid&gt;/stat.</summary>
    public TimeSpan Cpu()
    {
        var text = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 (utime, stime) in clock ticks of 1/100 s on Linux.
        return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is not null && !_listening.Task.IsCompleted && ListeningAddress().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Value));
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningAddress();
}
