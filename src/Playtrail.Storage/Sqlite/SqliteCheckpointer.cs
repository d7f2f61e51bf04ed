using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a thread of its own, so that the writer's own checkpoints
/// find almost nothing left to copy.
/// </summary>
/// <remarks>
/// SQLite checkpoints on the connection whose commit takes the log past <see cref="WriterCheckpointPages"/>: the writer,
/// with every queued write behind it, copying each page changed since the last checkpoint and then fsyncing the
/// database file (docs/architecture.md, "Checkpoints off the writer"). This loop runs a PASSIVE checkpoint on its own
/// connection every interval in which something was committed; a PASSIVE checkpoint never blocks the writer or
/// readers. Only the writer can start the log over (a checkpoint must finish with no write in between, which never
/// happens on another thread under steady load), so it keeps its own checkpoints; they now copy only the pages of the
/// last interval. Without them the log grew to whatever limit was set, and appending to a growing file cost the
/// writer more than the checkpoints it saved (docs/benchmarks.md).
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>The log size, in pages, at which the writer checkpoints and then starts the log over (SQLite's default).</summary>
    public const int WriterCheckpointPages = 1_000;

    private readonly SqliteConnection _connection;
    private readonly Func<long> _commits;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Thread _thread;
    private long _checkpoints;

    /// <summary>Starts the loop on <paramref name="connectionString"/>; <paramref name="commits"/> reads the writer's commit count.</summary>
    public SqliteCheckpointer(string connectionString, Func<long> commits, TimeSpan interval, ILogger logger)
    {
        _commits = commits;
        _interval = interval;
        _logger = logger;
        _connection = new SqliteConnection(connectionString);
        try
        {
            _connection.Open();
            Execute("PRAGMA busy_timeout = 5000");
            // The checkpoint's fsyncs follow the connection's own setting; FULL as the writer's, so a page leaves the
            // log only once the database file holding it is on disk.
            Execute("PRAGMA synchronous = FULL");
        }
        catch
        {
            _connection.Dispose();
            throw;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpointer" };
        _thread.Start();
    }

    /// <summary>Checkpoints run so far.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Stops the loop after the checkpoint in progress, if any, and closes its connection.</summary>
    public void Dispose()
    {
        if (_stop.IsSet)
        {
            return;
        }

        _stop.Set();
        _thread.Join();
        _connection.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        var seen = _commits();
        while (!_stop.Wait(_interval))
        {
            var commits = _commits();
            if (commits == seen)
            {
                continue;
            }

            seen = commits;
            CheckpointOnce();
        }
    }

    [SuppressMessage("Design", "CA1031", Justification = "A failed pass changes nothing stored; the next interval tries again, and the writer's own checkpoints bound the log meanwhile.")]
    private void CheckpointOnce()
    {
        try
        {
            Execute("PRAGMA wal_checkpoint(PASSIVE)");
            Interlocked.Increment(ref _checkpoints);
        }
        catch (Exception exception)
        {
            _logger.CheckpointFailed(exception);
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
