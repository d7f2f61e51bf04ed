using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Playtrail.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for tests, started from the machine's binaries (initdb + pg_ctl) in its
/// own temporary folder on a free port of 127.0.0.1. When it cannot start, it throws with what failed and
/// how to fix it: a test that needs PostgreSQL fails, it is never skipped.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    internal const string Superuser = "postgres";

    // initdb and postgres refuse to run as root; as root the cluster runs as this OS user.
    private const string OsUserWhenRoot = "postgres";
    private const int PortAttempts = 5;
    private const int LogTailLines = 30;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private static readonly Lazy<Task<PostgresServer>> Shared = new(() => StartAsync(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentDictionary<PostgresServer, byte> Running = new();

    private readonly ServerFolder _folder;
    private readonly string _binFolder;
    private readonly string? _runAsUser;
    private readonly ConcurrentBag<string> _connectionStrings = [];
    private int _disposed;

    static PostgresServer()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllAtExit();
    }

    private PostgresServer(ServerFolder folder, string binFolder, string? runAsUser, int port)
    {
        _folder = folder;
        _binFolder = binFolder;
        _runAsUser = runAsUser;
        Port = port;
        ConnectionString = BuildConnectionString(Superuser);
        _connectionStrings.Add(ConnectionString);
    }

    /// <summary>The superuser <c>postgres</c> on database <c>postgres</c>, over TCP on 127.0.0.1.</summary>
    public string ConnectionString { get; }

    /// <summary>The TCP port the server listens on (127.0.0.1 only).</summary>
    public int Port { get; }

    /// <summary>The folder holding the cluster's data, log and unix socket; deleted on dispose.</summary>
    internal string Folder => _folder.Path;

    /// <summary>The postmaster's process id, from its pid file (a benchmark reads its processes' CPU time).</summary>
    public int ProcessId { get; private init; }

    /// <summary>
    /// One cluster for the whole test process, started on first use and stopped when the process exits.
    /// A failed start is remembered: every later caller gets the same exception without waiting again.
    /// </summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>Starts a new cluster; dispose it to stop it and delete its folder.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binFolder = await PostgresBinaries.FindAsync(cancellationToken).ConfigureAwait(false);
        return await StartAsync(binFolder, FreePort, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="StartAsync(CancellationToken)"/>, but with PostgreSQL's durable defaults back on (<c>fsync</c>,
    /// <c>full_page_writes</c>, <c>synchronous_commit</c>): every commit waits for its WAL flush, as in production.
    /// For benchmarks; tests use the faster throwaway settings.
    /// </summary>
    public static async Task<PostgresServer> StartDurableAsync(CancellationToken cancellationToken = default)
    {
        var binFolder = await PostgresBinaries.FindAsync(cancellationToken).ConfigureAwait(false);
        return await StartAsync(binFolder, FreePort, cancellationToken, durable: true).ConfigureAwait(false);
    }

    /// <summary>As <see cref="StartAsync(CancellationToken)"/>, from given binaries, trying the ports <paramref name="nextPort"/> gives.</summary>
    internal static async Task<PostgresServer> StartAsync(string binFolder, Func<int> nextPort, CancellationToken cancellationToken, bool durable = false)
    {
        var runAsUser = Environment.IsPrivilegedProcess ? OsUserWhenRoot : null;
        var template = await ClusterTemplate.GetAsync(binFolder, runAsUser).WaitAsync(cancellationToken).ConfigureAwait(false);
        var folder = await ServerFolder.CreateAsync(runAsUser, cancellationToken).ConfigureAwait(false);
        try
        {
            // Watch before starting, so a test process that dies mid-start leaves nothing behind either.
            ExitWatchdog.Watch(folder, Path.Combine(binFolder, "pg_ctl"), runAsUser);
            await template.CopyToAsync(folder, cancellationToken).ConfigureAwait(false);
            if (durable)
            {
                // The last setting in the file wins over the template's throwaway ones.
                await File.AppendAllTextAsync(
                    Path.Combine(folder.DataPath, "postgresql.conf"),
                    "fsync = on\nfull_page_writes = on\nsynchronous_commit = on\n",
                    cancellationToken).ConfigureAwait(false);
            }

            var port = await StartOnFreePortAsync(folder, binFolder, runAsUser, nextPort, cancellationToken).ConfigureAwait(false);
            var server = new PostgresServer(folder, binFolder, runAsUser, port) { ProcessId = folder.ReadPostmasterProcessId() };
            Running.TryAdd(server, 0);
            try
            {
                await server.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return server;
        }
        catch
        {
            await StopQuietlyAsync(folder, binFolder, runAsUser).ConfigureAwait(false);
            folder.Delete();
            throw;
        }
    }

    /// <summary>Creates a database with a fresh unique name (or <paramref name="name"/>) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        name ??= "test_" + Guid.NewGuid().ToString("N");

        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var connectionString = BuildConnectionString(name);
        _connectionStrings.Add(connectionString);
        return connectionString;
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ClearPools();
        await StopQuietlyAsync(_folder, _binFolder, _runAsUser).ConfigureAwait(false);
        _folder.Delete();
        Running.TryRemove(this, out _);
    }

    private static async Task<int> StartOnFreePortAsync(ServerFolder folder, string binFolder, string? runAsUser, Func<int> nextPort, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        for (var attempt = 1; attempt <= PortAttempts; attempt++)
        {
            var port = nextPort();
            var start = await Command.RunAsync(
                Path.Combine(binFolder, "pg_ctl"),
                ["start", "-D", folder.DataPath, "-l", folder.LogPath, "-w", "-t", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-o", $"-p {port}"],
                runAsUser,
                StartTimeout + TimeSpan.FromSeconds(5),
                cancellationToken).ConfigureAwait(false);
            if (start.ExitCode == 0)
            {
                return port;
            }

            var log = folder.ReadLogTail(LogTailLines);
            // Another process can take the port between our probe and the server's bind: try another.
            if (!log.Contains("could not bind", StringComparison.OrdinalIgnoreCase) && !log.Contains("Address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw StartFailure($"pg_ctl start failed (exit code {start.ExitCode}) on port {port}" + RootHint(runAsUser), start.Output, log);
            }

            failures.Add($"port {port}: taken");
        }

        throw StartFailure($"pg_ctl start failed {PortAttempts} times because the port was taken ({string.Join(", ", failures)})", "", folder.ReadLogTail(LogTailLines));
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        // pg_ctl -w already waited for "ready"; this proves a client can really connect over TCP.
        var readiness = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var connection = new NpgsqlConnection(readiness);
                await using (connection.ConfigureAwait(false))
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    var command = new NpgsqlCommand("SELECT 1", connection);
                    await using (command.ConfigureAwait(false))
                    {
                        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                if (stopwatch.Elapsed > StartTimeout)
                {
                    throw StartFailure(
                        $"the server started but did not answer SELECT 1 on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds:0} s ({exception.Message})",
                        "",
                        _folder.ReadLogTail(LogTailLines));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task StopQuietlyAsync(ServerFolder folder, string binFolder, string? runAsUser, string mode = "fast")
    {
        if (!File.Exists(Path.Combine(folder.DataPath, "postmaster.pid")))
        {
            return;
        }

        var pgCtl = Path.Combine(binFolder, "pg_ctl");
        var stop = await Command.RunAsync(pgCtl, ["stop", "-D", folder.DataPath, "-m", mode, "-w"], runAsUser, StopTimeout, CancellationToken.None).ConfigureAwait(false);
        if (stop.ExitCode != 0 && mode != "immediate")
        {
            await Command.RunAsync(pgCtl, ["stop", "-D", folder.DataPath, "-m", "immediate", "-w"], runAsUser, StopTimeout, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static void StopAllAtExit()
    {
        var servers = Running.Keys.ToArray();
        // The process is going away: no need for a clean shutdown, only for leaving nothing behind.
        var stops = servers.Select(server => Task.Run(async () =>
        {
            if (Interlocked.Exchange(ref server._disposed, 1) == 0)
            {
                await StopQuietlyAsync(server._folder, server._binFolder, server._runAsUser, "immediate").ConfigureAwait(false);
                server._folder.Delete();
            }
        }));
        Task.WaitAll(stops.ToArray(), StopTimeout);
        ClusterTemplate.DeleteAll();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string BuildConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        // Unique per cluster, so Npgsql never hands out a pooled connection to an earlier server on a reused port.
        ApplicationName = "playtrail-tests-" + System.IO.Path.GetFileName(_folder.Path),
        IncludeErrorDetail = true,
    }.ConnectionString;

    private void ClearPools()
    {
        foreach (var connectionString in _connectionStrings)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static string RootHint(string? runAsUser) =>
        runAsUser is null ? "" : $" (running as OS user '{runAsUser}' because this process is root; the user must exist, as the postgresql package creates it)";

    internal static InvalidOperationException StartFailure(string what, string output, string log = "")
    {
        var message = $"Cannot start PostgreSQL for the tests: {what}. {PostgresBinaries.HowToFix}";
        if (!string.IsNullOrWhiteSpace(output))
        {
            message += $"\n--- command output ---\n{output.TrimEnd()}";
        }

        if (!string.IsNullOrWhiteSpace(log))
        {
            message += $"\n--- server log (last {LogTailLines} lines) ---\n{log.TrimEnd()}";
        }

        return new InvalidOperationException(message);
    }
}
