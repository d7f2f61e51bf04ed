namespace Playtrail.Client.Offline;

/// <summary>What the uploader needs: the next due session, its payload, and what became of it.</summary>
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
            _commands!.AddCounter(transaction, StoreCounters.Delivered, 1);
            _commands.AddCounter(transaction, StoreCounters.Replayed, replayed ? 1 : 0);
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

    private static string Truncate(string error) => error.Length <= MaxErrorChars ? error : error.Substring(0, MaxErrorChars);
}
