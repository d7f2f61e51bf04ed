using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Playtrail.LoadTest.Hosting;

/// <summary>
/// The server's own binary started as a child process on 127.0.0.1 with port 0 and a fresh SQLite file in a temp
/// folder. A child rather than an in-process host, so that its CPU time from /proc is the server's alone and it
/// runs with the runtime settings it ships with (the Web SDK's server GC).
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);
    private const int KeptOutputLines = 40;
    private readonly Process _process;
    private readonly string _directory;
    private readonly Queue<string> _recentOutput = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopping;

    private ServerProcess(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    /// <summary>The address the server reported listening on; known once <see cref="StartAsync"/> has returned.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public int Pid => _process.Id;

    /// <summary>Set when the server exited without being asked to: it crashed or something else stopped it.</summary>
    public string? UnexpectedExit =>
        _process.HasExited && Volatile.Read(ref _stopping) == 0 ? $"exit code {_process.ExitCode}; last output:{Environment.NewLine}{RecentOutput()}" : null;

    /// <summary>The server binary built next to this harness: same repository, same configuration.</summary>
    public static string DefaultDllPath() => BuiltDll(Path.Combine("src", "Playtrail.Server"), "Playtrail.Server.dll");

    /// <summary>The bare-Kestrel floor (benchmarks/Playtrail.LoadTest.Floor), built with the harness.</summary>
    public static string FloorDllPath() => BuiltDll(Path.Combine("benchmarks", "Playtrail.LoadTest.Floor"), "Playtrail.LoadTest.Floor.dll");

    private static string BuiltDll(string projectFolder, string fileName)
    {
        var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Playtrail.slnx")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? Directory.GetCurrentDirectory();
        return Path.Combine(root, projectFolder, "bin", configuration, "net10.0", fileName);
    }

    /// <summary>Starts the server with <paramref name="settings"/> (configuration keys and values) and waits until it answers.</summary>
    public static async Task<ServerProcess> StartAsync(string dllPath, IEnumerable<KeyValuePair<string, string>> settings)
    {
        if (!File.Exists(dllPath))
        {
            throw new FileNotFoundException(
                $"The binary {dllPath} is missing; build it with: dotnet build -c Release benchmarks/Playtrail.LoadTest", dllPath);
        }

        var directory = Path.Combine(Path.GetTempPath(), "playtrail-loadtest", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(dllPath);
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.ArgumentList.Add($"--Storage:Sqlite:Path={Path.Combine(directory, "playtrail.db")}");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        // The shipped configuration (appsettings.json, Production), as an operator would run it.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, directory);
        process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnOutput(e.Data);
        process.Exited += (_, _) => server._listening.TrySetException(new InvalidOperationException("The server exited during start-up."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            server.BaseAddress = await server._listening.Task.WaitAsync(StartTimeout).ConfigureAwait(false);
            await WaitUntilHealthyAsync(server.BaseAddress).ConfigureAwait(false);
            return server;
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            var output = server.RecentOutput();
            await server.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The server did not start: {exception.Message}{Environment.NewLine}{output}", exception);
        }
    }

    /// <summary>Stops the server the way a service manager would (SIGTERM), so SQLite checkpoints and closes; kills it if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _stopping, 1);
        if (!_process.HasExited)
        {
            Measurement.Native.Signal(_process.Id, Measurement.Native.SigTerm);
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean with the rest of the temp folder.
        }
    }

    /// <summary>The server's last lines of output, kept so that a failed start or a crash can be explained.</summary>
    private string RecentOutput()
    {
        lock (_recentOutput)
        {
            return string.Join(Environment.NewLine, _recentOutput);
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_recentOutput)
        {
            _recentOutput.Enqueue(line);
            if (_recentOutput.Count > KeptOutputLines)
            {
                _recentOutput.Dequeue();
            }
        }

        if (!_listening.Task.IsCompleted && line.Contains("Now listening on", StringComparison.Ordinal)
            && ListeningAddress().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Value));
        }
    }

    private static async Task WaitUntilHealthyAsync(Uri address)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (StartTimeout.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative)).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when ((exception is HttpRequestException or TaskCanceledException) && Stopwatch.GetTimestamp() < deadline)
            {
                // Not accepting yet; try again shortly.
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                throw new TimeoutException("The server did not report healthy in time.");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningAddress();
}
