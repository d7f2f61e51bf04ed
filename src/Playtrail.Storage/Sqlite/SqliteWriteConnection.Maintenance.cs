using Microsoft.Data.Sqlite;

namespace Playtrail.Storage.Sqlite;

internal sealed partial class SqliteWriteConnection
{
    /// <summary>
    /// Deletes, among the next <paramref name="batchSize"/> events in arrival order after rowid <paramref name="after"/>
    /// and before the first that arrived at or after <paramref name="cutoff"/>, those that belong to a processed session.
    /// Rowids grow with arrival (events are only ever appended), so the oldest events come first and the pass is over
    /// once it reaches an event that arrived after the cutoff. Events of sessions not processed yet are skipped and kept.
    /// Stopping at that event even if an older one follows it (the clock stepped back) keeps what remains of a session its
    /// newest events, which its chain from its last event still reaches (schema 9).
    /// </summary>
    /// <returns>The events deleted, the last rowid looked at, and whether the pass has reached the cutoff.</returns>
    public (int Deleted, long Last, bool Done) DropEventsBefore(long cutoff, long after, int batchSize)
    {
        using var range = Command("""
            SELECT max(rowid), min(iif(received_at >= $cutoff, rowid, NULL)) FROM (SELECT rowid, received_at FROM events WHERE rowid > $after ORDER BY rowid LIMIT $batch)
            """);
        range.Parameters.AddWithValue("$after", after);
        range.Parameters.AddWithValue("$cutoff", cutoff);
        range.Parameters.AddWithValue("$batch", batchSize);
        long last;
        bool reachedNewer;
        using (var reader = range.ExecuteReader())
        {
            reader.Read();
            if (reader.IsDBNull(0))
            {
                return (0, after, true);
            }

            reachedNewer = !reader.IsDBNull(1);
            last = reachedNewer ? reader.GetInt64(1) - 1 : reader.GetInt64(0);
        }

        using var delete = Command("""
            DELETE FROM events
            WHERE rowid > $after AND rowid <= $last
              AND EXISTS (SELECT 1 FROM sessions s WHERE s.session_id = events.session_id AND s.processed_at IS NOT NULL)
            """);
        delete.Parameters.AddWithValue("$after", after);
        delete.Parameters.AddWithValue("$last", last);
        var deleted = delete.ExecuteNonQuery();
        return (deleted, last, reachedNewer);
    }

    /// <summary>
    /// Frees the page cache pages this connection holds beyond what the open transaction needs (SQLite's
    /// <c>PRAGMA shrink_memory</c>); the cache refills from the file as pages are read again.
    /// </summary>
    public void ShrinkMemory()
    {
        using var shrink = Command("PRAGMA shrink_memory");
        shrink.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }
}
