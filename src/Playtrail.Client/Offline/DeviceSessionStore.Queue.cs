using Microsoft.Data.Sqlite;

namespace Playtrail.Client.Offline;

/// <summary>What the uploader needs (next due session, its payload, the outcome) and the dead-letter list.</summary>
public sealed partial class DeviceSessionStore
{
    private const int MaxErrorChars = 64 * 1024;

    /// <summary>The oldest ready session after <paramref name="afterId"/> whose back-off has passed, or null.</summary>
    internal PendingUpload? NextDue(long afterId) =>
        Guarded<PendingUpload?>(
            nameof(NextDue),
            () =>
            {
                using var command = Command(
                    null,
                    StoreSql.NextDue,
                    ("$now", NowMs()),
                    ("$after", afterId));
                using var reader = command.ExecuteReader();
                return reader.Read() ? new PendingUpload(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3)) : null;
            },
            otherwise: () => null);

    /// <summary>When the earliest ready session becomes due (now or past when one is due), or null when none is ready.</summary>
    internal DateTimeOffset? NextAttemptAt() =>
        Guarded<DateTimeOffset?>(
            nameof(NextAttemptAt),
            () =>
            {
                using var command = Command(null, StoreSql.NextAttemptAt);
                return command.ExecuteScalar() is long next ? DateTimeOffset.FromUnixTimeMilliseconds(next) : null;
            },
            otherwise: () => null);

    /// <summary>
    /// The session as the server takes it: a JSON array of the stored events in order, bytes as stored, joined with
    /// commas. The same bytes on every attempt, as the server's idempotency check requires. Null when it is gone.
    /// </summary>
    internal byte[]? ReadPayload(long sessionId) =>
        Guarded(
            nameof(ReadPayload),
            () =>
            {
                using var command = Command(null, StoreSql.SelectEventBodies, ("$id", sessionId));
                using var reader = command.ExecuteReader();
                using var payload = new MemoryStream();
                payload.WriteByte((byte)'[');
                var first = true;
                while (reader.Read())
                {
                    if (!first)
                    {
                        payload.WriteByte((byte)',');
                    }

                    first = false;
                    var body = (byte[])reader.GetValue(0);
                    payload.Write(body, 0, body.Length);
                }

                payload.WriteByte((byte)']');
                return first ? null : payload.ToArray();
            },
            otherwise: () => null);

    /// <summary>The server took the session (2xx): delete it and its events.</summary>
    internal void MarkDelivered(long sessionId, bool replayed) =>
        Write(nameof(MarkDelivered), transaction =>
        {
            DeleteSessionLocked(transaction, sessionId, reason: null);
            _commands!.AddCounter(transaction, DeliveredName, 1);
            _commands.AddCounter(transaction, ReplayedName, replayed ? 1 : 0);
        });

    /// <summary>A transient failure: count the attempt and persist when to try again, so a restart keeps the back-off.</summary>
    internal void MarkRetry(long sessionId, DateTimeOffset nextAttemptAt, int? status, string error) =>
        Write(nameof(MarkRetry), transaction =>
        {
            using (var command = Command(
                transaction,
                StoreSql.MarkRetry,
                ("$next", nextAttemptAt.ToUnixTimeMilliseconds()),
                ("$status", status is { } value ? value : DBNull.Value),
                ("$error", Truncate(error)),
                ("$id", sessionId)))
            {
                command.ExecuteNonQuery();
            }

            SetLastErrorLocked(transaction, error);
        });

    /// <summary>The server refused the session (400, 413, other 4xx): keep it, with the server's answer, as a dead letter.</summary>
    internal void MarkDead(long sessionId, int status, string error) =>
        Write(nameof(MarkDead), transaction =>
        {
            using (var command = Command(
                transaction,
                StoreSql.MarkDead,
                ("$status", status),
                ("$error", Truncate(error)),
                ("$id", sessionId)))
            {
                command.ExecuteNonQuery();
            }

            SetLastErrorLocked(transaction, $"Session {sessionId} refused with HTTP {status}; moved to dead letters.");
        });

    /// <summary>The sessions the server refused, oldest first, with the status and body it answered.</summary>
    public IReadOnlyList<DeadLetter> GetDeadLetters()
    {
        // Declared outside so a failure part-way still returns the letters read before it.
        var letters = new List<DeadLetter>();
        return Guarded<IReadOnlyList<DeadLetter>>(
            nameof(GetDeadLetters),
            () =>
            {
                using var command = Command(
                    null,
                    StoreSql.SelectDeadLetters);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    letters.Add(new DeadLetter(
                        reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetInt32(3), reader.GetInt32(4), reader.GetString(5)));
                }

                return letters;
            },
            otherwise: () => letters);
    }

    /// <summary>Queues a dead letter for upload again (after a server fix), with a fresh back-off. The body and key are unchanged.</summary>
    /// <returns>True when the session was a dead letter and is now ready.</returns>
    public bool RetryDeadLetter(long sessionId) =>
        Write(nameof(RetryDeadLetter), transaction =>
        {
            using var command = Command(
                transaction, StoreSql.RetryDeadLetter, ("$id", sessionId));
            return command.ExecuteNonQuery() == 1;
        });

    /// <summary>Deletes a dead letter for good; counted as <see cref="StoreDropReason.DeadLetterDeleted"/>.</summary>
    /// <returns>True when the session was a dead letter and is now gone.</returns>
    public bool DeleteDeadLetter(long sessionId) =>
        Write(nameof(DeleteDeadLetter), transaction =>
        {
            using (var command = Command(transaction, StoreSql.SelectState, ("$id", sessionId)))
            {
                if (command.ExecuteScalar() is not long state || state != (long)SessionState.Dead)
                {
                    return false;
                }
            }

            return DeleteSessionLocked(transaction, sessionId, StoreDropReason.DeadLetterDeleted);
        });

    private static string Truncate(string error) => error.Length <= MaxErrorChars ? error : error.Substring(0, MaxErrorChars);

    private void Write(string operation, Action<SqliteTransaction> write) =>
        Write(operation, transaction =>
        {
            write(transaction);
            return true;
        });

    /// <summary>Runs <paramref name="write"/> in one transaction under <see cref="Guarded"/>: all of it commits, or none.</summary>
    private bool Write(string operation, Func<SqliteTransaction, bool> write) =>
        Guarded(
            operation,
            () =>
            {
                using var transaction = _connection!.BeginTransaction();
                var result = write(transaction);
                transaction.Commit();
                return result;
            },
            otherwise: () => false);
}
