using Playtrail.Core.Events;

namespace Playtrail.Storage.Sessions;

/// <summary>A session about to be created.</summary>
/// <param name="SessionId">The server-generated id (64 lowercase hex characters).</param>
/// <param name="Downloaded">True for a downloaded (offline) session.</param>
/// <param name="Start">The descriptive fields of its <c>sessionStart</c>.</param>
/// <param name="ReceivedAt">Server time the request arrived.</param>
public sealed record NewSession(string SessionId, bool Downloaded, SessionStartSummary Start, DateTimeOffset ReceivedAt);

/// <summary>One validated event to store: its original JSON plus the fields the store indexes.</summary>
/// <param name="Type">The event type.</param>
/// <param name="Ts">Device time in epoch milliseconds.</param>
/// <param name="Playhead">Playhead in seconds.</param>
/// <param name="Json">The event's original JSON, stored byte for byte.</param>
public readonly record struct EventRecord(EventType Type, long Ts, double Playhead, ReadOnlyMemory<byte> Json);

/// <summary>
/// What identifies a downloaded upload for idempotency (docs/decisions/0018-idempotent-downloaded-uploads.md). A store
/// looks for the newest earlier upload stored since <see cref="NotBefore"/> with the same key (or, without a key, the
/// same body hash) and hands what it found to <see cref="Judge"/>, so the rule itself is written once.
/// </summary>
/// <param name="IdempotencyKey">The client's <c>Idempotency-Key</c> header, when sent.</param>
/// <param name="BodyHash">SHA-256 of the request body as received (used when no key is sent, and to detect a key reused for another body).</param>
/// <param name="NotBefore">Only uploads stored at or after this time count as duplicates.</param>
public sealed record UploadIdentity(string? IdempotencyKey, byte[] BodyHash, DateTimeOffset NotBefore)
{
    /// <summary>
    /// The outcome for this upload given the earlier one a store found: a repeat of it when it had the same body (or
    /// was found by the body itself), a conflict when the same key came with another body.
    /// </summary>
    /// <param name="earlierSessionId">The session the earlier upload was stored as.</param>
    /// <param name="earlierBodyHash">The earlier upload's body hash; null when it was not kept.</param>
    public DownloadedOutcome Judge(string earlierSessionId, ReadOnlySpan<byte> earlierBodyHash)
    {
        if (IdempotencyKey is null)
        {
            return new DownloadedOutcome(DownloadedOutcomeKind.Duplicate, earlierSessionId);
        }

        var sameBody = !earlierBodyHash.IsEmpty && earlierBodyHash.SequenceEqual(BodyHash);
        return new DownloadedOutcome(sameBody ? DownloadedOutcomeKind.Duplicate : DownloadedOutcomeKind.KeyConflict, earlierSessionId);
    }
}

/// <summary>The result of storing a downloaded upload.</summary>
/// <param name="Kind">Whether it was stored, a repeat, or a key reused for a different body.</param>
/// <param name="SessionId">The session the upload is (or was first) stored as.</param>
public readonly record struct DownloadedOutcome(DownloadedOutcomeKind Kind, string SessionId);

/// <summary>How a downloaded upload was handled.</summary>
public enum DownloadedOutcomeKind
{
    /// <summary>Stored as a new session.</summary>
    Created,
    /// <summary>The same upload was stored before; nothing new was written.</summary>
    Duplicate,
    /// <summary>The idempotency key was used before for a different body; nothing was written.</summary>
    KeyConflict,
}

/// <summary>The result of appending an event to an online session.</summary>
public enum AppendOutcome
{
    /// <summary>Stored.</summary>
    Accepted,
    /// <summary>No session has that id.</summary>
    NotFound,
    /// <summary>The session is closed (ended, completed or timed out).</summary>
    Gone,
}

/// <summary>A session's lifecycle state.</summary>
public enum SessionStatus
{
    /// <summary>Open: takes events.</summary>
    Active,
    /// <summary>Closed by <c>sessionComplete</c>.</summary>
    Completed,
    /// <summary>Closed by <c>sessionEnd</c>, or a downloaded session without <c>sessionComplete</c>.</summary>
    Ended,
    /// <summary>Closed by the sweeper (idle or stalled).</summary>
    TimedOut,
}

/// <summary>A stored session's row.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="Status">Its lifecycle state.</param>
/// <param name="Downloaded">True for a downloaded (offline) session.</param>
/// <param name="Start">The descriptive fields of its <c>sessionStart</c>.</param>
/// <param name="FirstEventTs">The smallest <c>ts</c> of its events (epoch ms).</param>
/// <param name="LastEventTs">The largest <c>ts</c> of its events (epoch ms).</param>
/// <param name="EventCount">Events stored.</param>
/// <param name="ReceivedAt">Server time its first request arrived.</param>
/// <param name="LastEventAt">Server time its last event arrived.</param>
/// <param name="ClosedAt">Server time it closed; null while open.</param>
/// <param name="CloseReason">Why it closed; null while open.</param>
public sealed record SessionRow(
    string SessionId,
    SessionStatus Status,
    bool Downloaded,
    SessionStartSummary Start,
    long FirstEventTs,
    long LastEventTs,
    int EventCount,
    DateTimeOffset ReceivedAt,
    DateTimeOffset LastEventAt,
    DateTimeOffset? ClosedAt,
    CloseReason? CloseReason);

/// <summary>One stored event.</summary>
/// <param name="Sequence">Position in the session, from 0 in arrival (or array) order.</param>
/// <param name="Type">The event type.</param>
/// <param name="Ts">Device time in epoch milliseconds.</param>
/// <param name="Playhead">Playhead in seconds.</param>
/// <param name="Json">The original JSON.</param>
/// <param name="ReceivedAt">Server time the event arrived.</param>
public sealed record StoredEvent(int Sequence, EventType Type, long Ts, double Playhead, byte[] Json, DateTimeOffset ReceivedAt);
