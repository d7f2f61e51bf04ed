namespace Playtrail.Server;

/// <summary>The server's log messages. Payloads and viewer identifiers are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Rejected a {Kind} payload with {ErrorCount} validation errors")]
    public static partial void Rejected(ILogger logger, string kind, int errorCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Stored a downloaded session of {EventCount} events")]
    public static partial void DownloadedStored(ILogger logger, int eventCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "A downloaded upload was repeated; answered with the original session")]
    public static partial void DownloadedRepeated(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "The database is full: a write was refused with 503 and nothing of it was stored")]
    public static partial void StorageFull(ILogger logger);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Sweeper closed {Count} timed-out sessions")]
    public static partial void SweptSessions(ILogger logger, int count);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Sweeper pass failed; retrying at the next interval")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Playtrail is using the {Provider} store")]
    public static partial void StoreReady(ILogger logger, string provider);

    [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "Processing a closed session failed; the recovery pass will retry it")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Processed {Count} closed sessions that were waiting")]
    public static partial void Recovered(ILogger logger, int count);

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "No Reporting:ApiKeys configured: the reporting API, the dashboard and the exports are open to anyone who can reach this server")]
    public static partial void ReportingOpen(ILogger logger);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Reports place days in the {TimeZone} time zone; {KeyCount} API keys open the reporting API and the dashboard")]
    public static partial void ReportingReady(ILogger logger, string timeZone, int keyCount);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "{Count} of Reporting:ApiKeys are shorter than 16 characters; use long random keys (for example: openssl rand -hex 32)")]
    public static partial void ShortApiKeys(ILogger logger, int count);

    [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "Upload counts could not be stored; they are kept for the next attempt")]
    public static partial void UploadCountsNotFlushed(ILogger logger, Exception exception);
    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "Privacy: deleted visitor {VisitorTag} at the request of key {KeyId}: {Sessions} sessions and {Events} raw events in {ElapsedMs} ms")]
    public static partial void VisitorDeleted(ILogger logger, string visitorTag, string keyId, int sessions, long events, long elapsedMs);

    [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "Privacy: refused a visitor deletion ({Status}): {Reason}")]
    public static partial void VisitorDeletionRefused(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 52, Level = LogLevel.Warning, Message = "Privacy: the deletion of visitor {VisitorTag} at the request of key {KeyId} stopped ({Reason}); repeating the request finishes it")]
    public static partial void VisitorDeletionStopped(ILogger logger, string visitorTag, string keyId, string reason);

    [LoggerMessage(EventId = 90, Level = LogLevel.Information, Message = "Exported {Rows} {Kind} rows as {Format} in {ElapsedMs} ms")]
    public static partial void ExportWritten(ILogger logger, Exports.ExportKind kind, string format, long rows, long elapsedMs);

    [LoggerMessage(EventId = 91, Level = LogLevel.Information, Message = "A {Kind} export as {Format} was abandoned by the client after {ElapsedMs} ms")]
    public static partial void ExportAborted(ILogger logger, Exports.ExportKind kind, string format, long elapsedMs);

    [LoggerMessage(EventId = 92, Level = LogLevel.Error, Message = "A {Kind} export as {Format} failed after it had started; the connection was aborted")]
    public static partial void ExportFailed(ILogger logger, Exports.ExportKind kind, string format, Exception exception);

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Gave memory back after an idle spell: working set {BeforeMiB} -> {AfterMiB} MiB")]
    public static partial void MemoryTrimmed(ILogger logger, long beforeMiB, long afterMiB);

    [LoggerMessage(EventId = 61, Level = LogLevel.Warning, Message = "The store could not give its caches back; trying again after the next busy spell")]
    public static partial void MemoryTrimFailed(ILogger logger, Exception exception);
}
