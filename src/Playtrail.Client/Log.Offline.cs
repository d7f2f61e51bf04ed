using Microsoft.Extensions.Logging;
using Playtrail.Client.Offline;

namespace Playtrail.Client;

/// <summary>
/// Every log line the SDK writes, source-generated. Partial so each feature can keep its messages beside the others;
/// event ids 100-199 are the downloaded-session store and uploader. Never logs payloads or viewer identifiers.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "The device session store failed during {Operation}; the call was counted and dropped")]
    public static partial void StoreOperationFailed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Evicted stored session {SessionId} ({Events} events): {Reason}")]
    public static partial void SessionEvicted(ILogger logger, long sessionId, StoreDropReason reason, long events);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Closed {Count} sessions interrupted by a crash or kill and queued them for upload")]
    public static partial void SessionsRecovered(ILogger logger, int count);

    [LoggerMessage(EventId = 310, Level = LogLevel.Debug, Message = "Uploaded stored session {SessionId} ({Status}, replayed: {Replayed})")]
    public static partial void SessionDelivered(ILogger logger, long sessionId, int status, bool replayed);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Upload of stored session {SessionId} failed ({Reason}); attempt {Attempt}, next in {Delay}")]
    public static partial void UploadRetrying(ILogger logger, long sessionId, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 312, Level = LogLevel.Error, Message = "The server refused stored session {SessionId} with HTTP {Status}; moved to dead letters")]
    public static partial void UploadRefused(ILogger logger, long sessionId, int status);

    [LoggerMessage(EventId = 313, Level = LogLevel.Error, Message = "An upload pass failed unexpectedly; the uploader keeps running")]
    public static partial void UploadPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 320, Level = LogLevel.Warning, Message = "A downloaded session could not be stored on the device; its events are dropped and counted")]
    public static partial void DownloadedSessionNotStored(ILogger logger);

    [LoggerMessage(EventId = 330, Level = LogLevel.Debug, Message = "Disposing the client uploaded {Delivered} stored sessions (deadline reached: {DeadlineReached})")]
    public static partial void ShutdownFlush(ILogger logger, int delivered, bool deadlineReached);

    [LoggerMessage(EventId = 331, Level = LogLevel.Error, Message = "Uploading stored sessions while disposing the client failed; they stay queued for the next start")]
    public static partial void ShutdownFlushFailed(ILogger logger, Exception exception);
}
