using Microsoft.Data.Sqlite;

namespace Playtrail.Client.Offline;

/// <summary>Eviction: the store stays within its bounds by dropping oldest whole sessions, never parts of them.</summary>
public sealed partial class DeviceSessionStore
{
    /// <summary>Evicts sessions older than <see cref="DeviceStoreOptions.MaxAge"/>; the uploader calls it before each pass.</summary>
    /// <returns>How many sessions were evicted.</returns>
    internal int EvictExpired() =>
        Guarded(
            nameof(EvictExpired),
            () =>
            {
                using var transaction = _connection!.BeginTransaction();
                var evicted = EvictExpiredLocked(transaction, NowMs());
                transaction.Commit();
                return evicted;
            },
            otherwise: () => 0);

    private int EvictExpiredLocked(SqliteTransaction? transaction, long now)
    {
        var cutoff = now - (long)_options.MaxAge.TotalMilliseconds;
        var expired = new List<long>();
        using (var command = Command(transaction, StoreSql.SelectExpired, ("$cutoff", cutoff)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                expired.Add(reader.GetInt64(0));
            }
        }

        foreach (var id in expired)
        {
            DeleteSessionLocked(transaction, id, StoreDropReason.MaxAge);
        }

        return expired.Count;
    }

    /// <summary>
    /// Evicts the oldest session other than <paramref name="exceptId"/> (the one being written). Dead letters go
    /// first: they are never sent without the app's help, while a ready session is one connection away from delivery.
    /// </summary>
    private bool EvictOldestLocked(SqliteTransaction? transaction, long exceptId, StoreDropReason reason)
    {
        using var command = Command(
            transaction,
            StoreSql.SelectOldestEvictable,
            ("$except", exceptId));
        if (command.ExecuteScalar() is not long id)
        {
            return false;
        }

        DeleteSessionLocked(transaction, id, reason);
        return true;
    }

    private bool MakeRoomLocked(SqliteTransaction? transaction, long needed, long exceptId)
    {
        while (_bytes + needed > _options.MaxBytes)
        {
            if (!EvictOldestLocked(transaction, exceptId, StoreDropReason.ByteLimit))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Deletes a session and its events; with a reason, counts it as dropped. Reads the totals from the deleted row,
    /// so deleting a session that is already gone (evicted while it was being uploaded) changes nothing.
    /// </summary>
    private bool DeleteSessionLocked(SqliteTransaction? transaction, long id, StoreDropReason? reason)
    {
        long events;
        long bytes;
        using (var command = Command(transaction, StoreSql.DeleteSession, ("$id", id)))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return false;
            }

            events = reader.GetInt64(0);
            bytes = reader.GetInt64(1);
        }

        using (var command = Command(transaction, StoreSql.DeleteEvents, ("$id", id)))
        {
            command.ExecuteNonQuery();
        }

        _bytes -= bytes;
        _sessionCount--;
        _open.Remove(id);
        if (reason is { } dropReason)
        {
            StoreCounters.AddDrop(_commands!, transaction, dropReason, sessions: 1, events);
            Log.SessionEvicted(_logger, id, dropReason, events);
        }

        return true;
    }
}
