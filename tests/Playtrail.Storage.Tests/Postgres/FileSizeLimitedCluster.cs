using System.Globalization;
using Npgsql;
using Playtrail.Testing;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>
/// A PostgreSQL cluster of its own whose processes may not write any file past a size limit (<c>prlimit --fsize</c>,
/// inherited by every backend): the unprivileged way to run out of disk. PostgreSQL ignores SIGXFSZ, so the write
/// that crosses the limit comes back short, and a relation that cannot grow is PostgreSQL's <c>disk_full</c> (53100).
/// A limit that is not a whole number of 8 kB pages makes the crossing write short rather than refused outright
/// (refused, it is reported as an internal error instead). WAL segments are 16 MB, so the limit must stay above that.
/// </summary>
internal sealed class FileSizeLimitedCluster : IAsyncDisposable
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
        var binFolder = await PostgresBinaries.FindAsync(CancellationToken.None);
        var runAsUser = Environment.IsPrivilegedProcess ? OsUserWhenRoot : null;
        var template = await ClusterTemplate.GetAsync(binFolder, runAsUser);
        var folder = await ServerFolder.CreateAsync(runAsUser, CancellationToken.None);
        ExitWatchdog.Watch(folder, Path.Combine(binFolder, "pg_ctl"), runAsUser);
        await template.CopyToAsync(folder, CancellationToken.None);
        var cluster = new FileSizeLimitedCluster(binFolder, runAsUser, folder, PostgresServer.FreePort());
        await cluster.StartPostgresAsync(fileSizeLimit);
        return cluster;
    }

    /// <summary>Stops the server and starts it again with another limit, as an operator who freed space would.</summary>
    public async Task RestartAsync(long fileSizeLimit)
    {
        await StopAsync();
        await StartPostgresAsync(fileSizeLimit);
    }

    /// <summary>The end of the server's log, for failure messages.</summary>
    public string LogTail() => _folder.ReadLogTail(30);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopAsync();
        _folder.Delete();
    }

    private async Task StartPostgresAsync(long fileSizeLimit)
    {
        var pgCtl = Path.Combine(_binFolder, "pg_ctl");
        var start = await Command.RunAsync(
            "prlimit",
            [$"--fsize={fileSizeLimit.ToString(CultureInfo.InvariantCulture)}", pgCtl, "start", "-D", _folder.DataPath, "-l", _folder.LogPath, "-w", "-t", "60",
                "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)}"],
            _runAsUser, CommandTimeout, CancellationToken.None);
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException($"prlimit pg_ctl start failed (exit code {start.ExitCode}): {start.Output}\n{LogTail()}");
        }
    }

    private async Task StopAsync()
    {
        if (File.Exists(Path.Combine(_folder.DataPath, "postmaster.pid")))
        {
            await Command.RunAsync(Path.Combine(_binFolder, "pg_ctl"), ["stop", "-D", _folder.DataPath, "-m", "fast", "-w"], _runAsUser, CommandTimeout, CancellationToken.None);
        }
    }
}
