using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Playtrail.Core.Events;
using Playtrail.Storage.Privacy;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// Stores one downloaded upload in one transaction: a transaction-scoped advisory lock on the upload's identity
/// (its idempotency key, or its body hash when it has none) serialises every node receiving the same upload, the
/// window lookup then sees any earlier copy committed, and the session row and all its events go in together.
/// </summary>
internal static class PostgresDownloadedUpload
{
    /// <summary>Uploads up to this many events go as one array INSERT; larger ones stream through binary COPY.</summary>
    public const int CopyThreshold = 64;

    private const long KeyLockSpace = 0x4b45_5900_0000_0000;
    private const long BodyLockSpace = 0x424f_4459_0000_0000;

    public static async Task<DownloadedOutcome> StoreAsync(
        NpgsqlConnection connection, NewSession session, IReadOnlyList<EventRecord> events, UploadIdentity identity, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await FindEarlierAsync(connection, transaction, identity, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return earlier;
        }

        var receivedAt = session.ReceivedAt.ToUnixTimeMilliseconds();
        var insertSession = SessionCommand(session, events, identity, receivedAt);
        var links = PostgresVisitorIndex.LinkCommand([(session.SessionId, VisitorKeys.FromSessionStart(events[0].Json.Span))]);
        if (events.Count <= CopyThreshold)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(insertSession);
            if (links is not null)
            {
                batch.BatchCommands.Add(links);
            }

            batch.BatchCommands.Add(ArrayInsert(session.SessionId, events, receivedAt));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                batch.BatchCommands.Add(insertSession);
                if (links is not null)
                {
                    batch.BatchCommands.Add(links);
                }

                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await CopyAsync(connection, session.SessionId, events, receivedAt, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DownloadedOutcome(DownloadedOutcomeKind.Created, session.SessionId);
    }

    /// <summary>The advisory lock key of an upload's identity; a collision only makes two uploads wait for each other.</summary>
    public static long LockKey(UploadIdentity identity)
    {
        if (identity.IdempotencyKey is { } key)
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
            return BinaryPrimitives.ReadInt64BigEndian(hash) ^ KeyLockSpace;
        }

        return BinaryPrimitives.ReadInt64BigEndian(identity.BodyHash) ^ BodyLockSpace;
    }

    /// <summary>
    /// Takes the identity's lock, then looks for an earlier upload. Sent as one batch: under READ COMMITTED the lookup
    /// takes its snapshot only once the lock is held, so it sees the upload of whoever held the lock before.
    /// </summary>
    private static async Task<DownloadedOutcome?> FindEarlierAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, UploadIdentity identity, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var lockCommand = new NpgsqlBatchCommand(PostgresStatements.LockUpload);
        lockCommand.Parameters.AddBigint("key", LockKey(identity));
        batch.BatchCommands.Add(lockCommand);
        var notBefore = identity.NotBefore.ToUnixTimeMilliseconds();
        NpgsqlBatchCommand find;
        if (identity.IdempotencyKey is { } key)
        {
            find = new NpgsqlBatchCommand(PostgresStatements.FindUploadByKey);
            find.Parameters.AddText("idempotency_key", key);
        }
        else
        {
            find = new NpgsqlBatchCommand(PostgresStatements.FindUploadByHash);
            find.Parameters.AddTyped("body_sha256", NpgsqlDbType.Bytea, identity.BodyHash);
        }

        find.Parameters.AddBigint("not_before", notBefore);
        batch.BatchCommands.Add(find);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return identity.Judge(reader.GetString(0), identity.IdempotencyKey is null || reader.IsDBNull(1) ? [] : reader.GetFieldValue<byte[]>(1));
    }

    private static NpgsqlBatchCommand SessionCommand(NewSession session, IReadOnlyList<EventRecord> events, UploadIdentity identity, long receivedAt)
    {
        var close = SessionClosing.OfDownloaded(events);
        var command = new NpgsqlBatchCommand(PostgresStatements.InsertDownloadedSession);
        var parameters = command.Parameters;
        var start = session.Start;
        parameters.AddText("session_id", session.SessionId);
        parameters.AddBoolean("downloaded", session.Downloaded);
        parameters.AddText("status", SessionStatusText.Name(close.Status));
        parameters.AddText("close_reason", CloseReasonText.Name(close.CloseReason));
        parameters.AddText("media_id", start.MediaId);
        parameters.AddText("media_name", start.MediaName);
        parameters.AddText("content_type", start.ContentType);
        parameters.AddDouble("media_length", start.Length);
        parameters.AddBoolean("resume", start.Resume);
        parameters.AddBigint("first_ts", close.FirstTs);
        parameters.AddBigint("last_ts", close.LastTs);
        parameters.AddInteger("event_count", events.Count);
        parameters.AddBigint("received_at", receivedAt);
        parameters.AddDouble("last_playhead", events[^1].Playhead);
        parameters.AddText("idempotency_key", identity.IdempotencyKey);
        parameters.AddTyped("body_sha256", NpgsqlDbType.Bytea, identity.BodyHash);
        return command;
    }

    private static NpgsqlBatchCommand ArrayInsert(string sessionId, IReadOnlyList<EventRecord> events, long receivedAt)
    {
        var count = events.Count;
        var sequences = new int[count];
        var timestamps = new long[count];
        var playheads = new double[count];
        var types = new short[count];
        var bodies = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var record = events[i];
            sequences[i] = i;
            timestamps[i] = record.Ts;
            playheads[i] = record.Playhead;
            types[i] = (short)record.Type;
            bodies[i] = record.Json.ToArray();
        }

        var command = new NpgsqlBatchCommand(PostgresStatements.InsertEventArrays);
        var parameters = command.Parameters;
        parameters.AddText("session_id", sessionId);
        parameters.AddBigint("received_at", receivedAt);
        parameters.AddTyped("seqs", NpgsqlDbType.Array | NpgsqlDbType.Integer, sequences);
        parameters.AddTyped("tss", NpgsqlDbType.Array | NpgsqlDbType.Bigint, timestamps);
        parameters.AddTyped("playheads", NpgsqlDbType.Array | NpgsqlDbType.Double, playheads);
        parameters.AddTyped("event_types", NpgsqlDbType.Array | NpgsqlDbType.Smallint, types);
        parameters.AddTyped("bodies", NpgsqlDbType.Array | NpgsqlDbType.Bytea, bodies);
        return command;
    }

    /// <summary>
    /// Streams the events through binary COPY. The rows are written with the synchronous <c>Write</c>: it only touches
    /// the socket when Npgsql's write buffer fills (a kernel copy to a nearby server), and it avoids WriteAsync's
    /// per-value cost, which made the bulk path about a quarter slower (see PostgresBulkUploadBenchmarks).
    /// </summary>
    private static async Task CopyAsync(
        NpgsqlConnection connection, string sessionId, IReadOnlyList<EventRecord> events, long receivedAt, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(PostgresStatements.CopyEvents, cancellationToken).ConfigureAwait(false);
        WriteRows(importer, sessionId, events, receivedAt, cancellationToken);
        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteRows(NpgsqlBinaryImporter importer, string sessionId, IReadOnlyList<EventRecord> events, long receivedAt, CancellationToken cancellationToken)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var record = events[i];
            importer.StartRow();
            importer.Write(sessionId, NpgsqlDbType.Text);
            importer.Write(i, NpgsqlDbType.Integer);
            importer.Write(record.Ts, NpgsqlDbType.Bigint);
            importer.Write(record.Playhead, NpgsqlDbType.Double);
            importer.Write((short)record.Type, NpgsqlDbType.Smallint);
            importer.Write(receivedAt, NpgsqlDbType.Bigint);
            importer.Write(record.Json, NpgsqlDbType.Bytea);
        }
    }
}
