using Microsoft.Extensions.Logging;

namespace Playtrail.Storage;

/// <summary>Every log message of the storage project. Payloads and viewer identifiers are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "SQLite store opened at {Path} (schema version {SchemaVersion})")]
    public static partial void StoreOpened(this ILogger logger, string path, int schemaVersion);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "SQLite schema migrated to version {SchemaVersion}")]
    public static partial void SchemaMigrated(this ILogger logger, int schemaVersion);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "SQLite journal mode is {JournalMode}, not WAL: reads will wait for writes")]
    public static partial void JournalModeNotWal(this ILogger logger, string journalMode);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "A batch of {Count} writes failed; retrying each in its own transaction")]
    public static partial void BatchFailed(this ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "A {Operation} write failed")]
    public static partial void WriteFailed(this ILogger logger, Exception exception, string operation);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Rolling back a failed SQLite transaction failed; the write connection will be reopened")]
    public static partial void RollbackFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Critical, Message = "The SQLite writer stopped; queued writes were failed and new writes are refused")]
    public static partial void WriterStopped(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Closed {Count} timed-out sessions")]
    public static partial void SessionsTimedOut(this ILogger logger, int count);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "SQLite health check failed")]
    public static partial void HealthCheckFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Reporting tables filled from the stored reports of {Count} processed sessions")]
    public static partial void ReportingTablesFilled(this ILogger logger, int count);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Visitor index filled from the stored sessionStart of {Count} sessions")]
    public static partial void VisitorIndexFilled(this ILogger logger, int count);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "PostgreSQL store opened on database {Database} (schema version {SchemaVersion})")]
    public static partial void PostgresStoreOpened(this ILogger logger, string database, int schemaVersion);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "PostgreSQL schema migrated to version {SchemaVersion}")]
    public static partial void PostgresSchemaMigrated(this ILogger logger, int schemaVersion);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Event partition {Partition} is ready")]
    public static partial void PartitionReady(this ILogger logger, string partition);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Dropped event partition {Partition}: its raw events are older than the retention")]
    public static partial void PartitionDropped(this ILogger logger, string partition);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "PostgreSQL health check failed")]
    public static partial void PostgresHealthCheckFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 25, Level = LogLevel.Error, Message = "Dropping old raw events failed; retrying at the next interval")]
    public static partial void RetentionFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 26, Level = LogLevel.Critical, Message = "The PostgreSQL online writer stopped; queued writes were failed and new online writes are refused")]
    public static partial void PostgresWriterStopped(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 27, Level = LogLevel.Information, Message = "Retention deleted {Count} raw events of processed sessions")]
    public static partial void RawEventsDropped(this ILogger logger, long count);

    [LoggerMessage(EventId = 28, Level = LogLevel.Warning, Message = "A background checkpoint of the SQLite log failed; retrying at the next interval")]
    public static partial void CheckpointFailed(this ILogger logger, Exception exception);
}
