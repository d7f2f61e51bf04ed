namespace Playtrail.Client.Offline;

/// <summary>Dead letters: sessions the server refused, kept with its answer until the app retries or deletes them.</summary>
public sealed partial class DeviceSessionStore
{
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
}
