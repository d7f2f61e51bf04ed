namespace Playtrail.Client;

/// <summary>Why the SDK gave up on an event; each reason has its own counter in <see cref="ClientDiagnostics"/>.</summary>
public enum DropReason
{
    /// <summary>The in-memory queue of a session was full.</summary>
    QueueFull,

    /// <summary>The server refused the event as invalid (400 or another non-retryable status).</summary>
    Rejected,

    /// <summary>Transient failures (network, 408, 429, 5xx) outlasted the retry budget.</summary>
    RetriesExhausted,

    /// <summary>The session could not be created or resumed, so its events had nowhere to go.</summary>
    NoSession,

    /// <summary>The client was disposed before the event could be sent.</summary>
    ShutDown,

    /// <summary>No store is available for the tracking mode (a downloaded tracker without a store).</summary>
    NoSink,
}
