using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a thread of its own, so that no write waits for it.
/// </summary>
/// <remarks>
/// Left to itself, SQLite checkpoints on the connection that commits the transaction taking the log past 1,000 pages:
/// the writer, with every queued write behind it, then copies those pages and fsyncs the database file before its
/// next batch (docs/architecture.md, "Checkpoints off the writer"). Here the writer only checkpoints when the log
/// passes <see cref="WriterFallbackPages"/>, far beyond what this loop lets it reach, and this loop runs a PASSIVE
/// checkpoint on its own connection every interval in which something was committed. A PASSIVE checkpoint never
/// blocks the writer or readers; pages a reader still needs stay in the log until the next pass.
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>
    /// The log size, in pages, at which the writer checkpoints by itself (64 MiB of 4 KiB pages): reached only when this
    /// loop falls behind, so the log stays bounded even then.
    /// </summary>
    public const int WriterFallbackPages = 16_384;

    private readonly SqliteConnection _connection;
    private readonly Func<long> _commits;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Thread _thread;
    private long _checkpoints;
    private long _pagesCopied;

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

    /// <summary>Pages copied from the log into the database file so far.</summary>
    public long PagesCopied => Interlocked.Read(ref _pagesCopied);

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

    [SuppressMessage("Design", "CA1031", Justification = "A failed pass changes nothing stored; the next interval tries again, and the writer's fallback bounds the log meanwhile.")]
    private void CheckpointOnce()
    {
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            using var reader = command.ExecuteReader();
            reader.Read();
            // Columns: whether it was blocked, the pages in the log, the pages now copied into the database file.
            Interlocked.Add(ref _pagesCopied, reader.GetInt64(2) > 0 ? reader.GetInt64(2) : 0);
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
