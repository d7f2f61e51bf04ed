using Microsoft.Extensions.Logging;

namespace Playtrail.Client;

/// <summary>
/// The SDK's log messages, source-generated. Tracking and online sending use event ids 100 to 299; the file is one
/// part of the project's single <c>Log</c> class so other features can add theirs beside it.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Warning, "Tracker call {Call} ignored: {Reason}.")]
    public static partial void CallIgnored(ILogger logger, string call, string reason);

    [LoggerMessage(101, LogLevel.Error, "Tracker call {Call} failed; the event was not recorded.")]
    public static partial void CallFailed(ILogger logger, Exception exception, string call);

    [LoggerMessage(102, LogLevel.Error, "No store is configured for downloaded tracking; this session is not recorded.")]
    public static partial void NoDownloadedSink(ILogger logger);

    [LoggerMessage(103, LogLevel.Warning, "Metadata key {Key} left out: {Reason}.")]
    public static partial void MetadataKeySkipped(ILogger logger, string key, string reason);

    [LoggerMessage(104, LogLevel.Information, "Session ended after {IdleTimeout} without playback; the next play resumes it.")]
    public static partial void IdleSessionEnded(ILogger logger, TimeSpan idleTimeout);

    [LoggerMessage(105, LogLevel.Error, "The session store failed to take a {EventType} event.")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string eventType);

    [LoggerMessage(106, LogLevel.Warning, "{Count} string values of a {EventType} event were cut to {MaxLength} characters, the longest the server accepts.")]
    public static partial void ValuesTruncated(ILogger logger, int count, string eventType, int maxLength);

    [LoggerMessage(200, LogLevel.Debug, "Session {SessionId} created (resumed: {Resumed}).")]
    public static partial void SessionCreated(ILogger logger, string sessionId, bool resumed);

    [LoggerMessage(201, LogLevel.Warning, "The server refused a {EventType} event with {Status}: {Problem}")]
    public static partial void EventRejected(ILogger logger, string eventType, int status, string problem);

    [LoggerMessage(202, LogLevel.Debug, "Retrying a {EventType} event in {Delay} after {Failure} (retry {Retry}).")]
    public static partial void RetryScheduled(ILogger logger, string eventType, TimeSpan delay, string failure, int retry);

    [LoggerMessage(203, LogLevel.Warning, "Gave up on a {EventType} event after {Failure}.")]
    public static partial void RetriesExhausted(ILogger logger, string eventType, string failure);

    [LoggerMessage(204, LogLevel.Information, "The server answered {Status} for the session; starting a resumed session.")]
    public static partial void SessionGone(ILogger logger, int status);

    [LoggerMessage(205, LogLevel.Warning, "The online queue is full ({Capacity} events); a {EventType} event was dropped.")]
    public static partial void QueueFull(ILogger logger, int capacity, string eventType);

    [LoggerMessage(206, LogLevel.Error, "The online sender stopped unexpectedly.")]
    public static partial void SenderFailed(ILogger logger, Exception exception);

    [LoggerMessage(207, LogLevel.Warning, "{Count} queued events were dropped: {Reason}.")]
    public static partial void EventsDropped(ILogger logger, int count, string reason);

    [LoggerMessage(208, LogLevel.Warning, "The server's 201 for a session had no usable Location header.")]
    public static partial void NoLocation(ILogger logger);
}
