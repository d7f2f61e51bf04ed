using System.Globalization;
using Npgsql;

namespace Playtrail.Testing;

/// <summary>
/// A PostgreSQL cluster of its own whose processes may not write any file past a size limit (<c>prlimit --fsize</c>,
/// inherited by every backend): the unprivileged way to run out of disk. PostgreSQL ignores SIGXFSZ, so the write
/// that crosses the limit comes back short, and a relation that cannot grow is PostgreSQL's <c>disk_full</c> (53100).
/// A limit that is not a whole number of 8 kB pages makes the crossing write short rather than refused outright
/// (refused, it is reported as an internal error instead). WAL segments are 16 MB, so the limit must stay above that.
/// </summary>
public sealed class FileSizeLimitedCluster : IAsyncDisposable
{
    private const string OsUserWhenRoot = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly string _binFolder;
    private readonly string? _runAsUser;
    private readonly ServerFolder _folder;

    private FileSizeLimitedCluster(string binFolder, string? runAsUser, ServerFolder folder, int port)
    {
        _binFolder = binFolder;
        _runAsUser = runAsUser;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The superuser on database <paramref name="database"/>, without pooling: a restart breaks pooled connections.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Pooling = false,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>Copies the test process's cluster template and starts it with <paramref name="fileSizeLimit"/> bytes per file.</summary>
    public static async Task<FileSizeLimitedCluster> StartAsync(long fileSizeLimit)
    {
        var binFolder = await PostgresBinaries.FindAsync(CancellationToken.None).ConfigureAwait(false);
        var runAsUser = Environment.IsPrivilegedProcess ? OsUserWhenRoot : null;
        var template = await ClusterTemplate.GetAsync(binFolder, runAsUser).ConfigureAwait(false);
        var folder = await ServerFolder.CreateAsync(runAsUser, CancellationToken.None).ConfigureAwait(false);
        ExitWatchdog.Watch(folder, Path.Combine(binFolder, "pg_ctl"), runAsUser);
        await template.CopyToAsync(folder, CancellationToken.None).ConfigureAwait(false);
        var cluster = new FileSizeLimitedCluster(binFolder, runAsUser, folder, PostgresServer.FreePort());
        await cluster.StartPostgresAsync(fileSizeLimit).ConfigureAwait(false);
        return cluster;
    }

    /// <summary>Stops the server and starts it again with another limit, as an operator who freed space would.</summary>
    public async Task RestartAsync(long fileSizeLimit)
    {
        await StopAsync().ConfigureAwait(false);
        await StartPostgresAsync(fileSizeLimit).ConfigureAwait(false);
    }

    /// <summary>Creates database <paramref name="name"/> and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        var connection = new NpgsqlConnection(ConnectionString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }

        return ConnectionString(name);
    }

    /// <summary>The end of the server's log, for failure messages.</summary>
    public string LogTail() => _folder.ReadLogTail(30);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopAsync().ConfigureAwait(false);
        _folder.Delete();
    }

    private async Task StartPostgresAsync(long fileSizeLimit)
    {
        var pgCtl = Path.Combine(_binFolder, "pg_ctl");
        var start = await Command.RunAsync(
            "prlimit",
            [$"--fsize={fileSizeLimit.ToString(CultureInfo.InvariantCulture)}", pgCtl, "start", "-D", _folder.DataPath, "-l", _folder.LogPath, "-w", "-t", "60",
                "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)}"],
            _runAsUser, CommandTimeout, CancellationToken.None).ConfigureAwait(false);
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException($"prlimit pg_ctl start failed (exit code {start.ExitCode}): {start.Output}\n{LogTail()}");
        }
    }

    private async Task StopAsync()
    {
        if (File.Exists(Path.Combine(_folder.DataPath, "postmaster.pid")))
        {
            await Command.RunAsync(Path.Combine(_binFolder, "pg_ctl"), ["stop", "-D", _folder.DataPath, "-m", "fast", "-w"], _runAsUser, CommandTimeout, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
