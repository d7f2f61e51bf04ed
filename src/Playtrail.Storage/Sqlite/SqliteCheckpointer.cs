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
/// connection whenever the writer has added <see cref="PagesPerPass"/> pages to the log since the last pass, and at
/// the end of every interval in which anything was committed; a PASSIVE checkpoint never blocks the writer or readers.
/// A timer alone fell behind under load: at 12,000 pages a second the writer reached its own checkpoint every 80 ms,
/// before a 200 ms timer came round, and copied about 1,000 pages itself, stalling every queued write for 5 to 7 ms
/// (docs/benchmarks.md, "Fourth round"). Only the writer can start the log over (a checkpoint must finish with no
/// write in between, which never happens on another thread under steady load), so it keeps its own checkpoints; they
/// now copy at most about <see cref="PagesPerPass"/> pages. Without them the log grew to whatever limit was set, and
/// appending to a growing file cost the writer more than the checkpoints it saved (docs/benchmarks.md). The writer
/// owns this thread's lifetime and stops it after its own last commit (<see cref="SqliteWriter.DisposeAsync"/>).
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>The log size, in pages, at which the writer checkpoints and then starts the log over (SQLite's default).</summary>
    public const int WriterCheckpointPages = 1_000;

    /// <summary>
    /// The log growth, in pages, that starts a pass at once: a quarter of <see cref="WriterCheckpointPages"/>, so the
    /// writer's own checkpoint finds at most about that many pages to copy. Each pass fsyncs the log and the database
    /// file, so passing more often would load the disk that every commit waits for.
    /// </summary>
    public const int PagesPerPass = WriterCheckpointPages / 4;

    private readonly SqliteConnection _connection;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly ManualResetEvent _stop = new(false);
    private readonly AutoResetEvent _grown = new(false);
    private readonly WaitHandle[] _wakeUps;
    private readonly Thread _thread;
    private long _checkpoints;
    private long _pagesSincePass;

    /// <summary>Starts the loop on <paramref name="connectionString"/>; the writer reports its commits to <see cref="LogGrew"/>.</summary>
    public SqliteCheckpointer(string connectionString, TimeSpan interval, ILogger logger)
    {
        _interval = interval;
        _wakeUps = [_stop, _grown];
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

    /// <summary>
    /// Called by the writer after each commit with the pages it wrote to the log; wakes the loop once
    /// <see cref="PagesPerPass"/> pages have piled up since its last pass.
    /// </summary>
    public void LogGrew(int pages)
    {
        // A commit always wrote something, so a pass follows it even if SQLite's count said nothing.
        var added = Math.Max(pages, 1);
        var total = Interlocked.Add(ref _pagesSincePass, added);
        if (total >= PagesPerPass && total - added < PagesPerPass)
        {
            _grown.Set();
        }
    }

    /// <summary>Stops the loop after the checkpoint in progress, if any, and closes its connection.</summary>
    public void Dispose()
    {
        if (_stop.WaitOne(0))
        {
            return;
        }

        _stop.Set();
        _thread.Join();
        _connection.Dispose();
        _stop.Dispose();
        _grown.Dispose();
    }

    private void Run()
    {
        // Index 0 is the stop signal; a timeout or the growth signal both mean: copy whatever was committed since.
        while (WaitHandle.WaitAny(_wakeUps, _interval) != 0)
        {
            if (Interlocked.Exchange(ref _pagesSincePass, 0) > 0)
            {
                CheckpointOnce();
            }
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
