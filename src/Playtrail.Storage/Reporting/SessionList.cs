using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Reporting;

/// <summary>
/// A page of the session list. Closed sessions (processed) are listed newest watched first, by
/// (<c>firstEventTs</c>, <c>sessionId</c>) descending; with <see cref="Status"/> = <see cref="SessionStatus.Active"/>
/// the open sessions are listed instead, newest arrival first, by (<c>receivedAt</c> ms, <c>sessionId</c>) descending.
/// </summary>
/// <param name="WatchedFrom">Only sessions whose first event is at or after this instant.</param>
/// <param name="WatchedBefore">Only sessions whose first event is before this instant.</param>
/// <param name="MediaId">Only this content.</param>
/// <param name="ContentType">Only this content type.</param>
/// <param name="Downloaded">Only downloaded (true) or online (false) sessions.</param>
/// <param name="Status">Only this status.</param>
/// <param name="CloseReason">Only this close reason.</param>
/// <param name="Limit">Most rows returned (1 to 500).</param>
/// <param name="After">The cursor of the previous page's last row; null for the first page.</param>
public sealed record SessionListQuery(
    DateTimeOffset? WatchedFrom,
    DateTimeOffset? WatchedBefore,
    string? MediaId,
    string? ContentType,
    bool? Downloaded,
    SessionStatus? Status,
    CloseReason? CloseReason,
    int Limit,
    SessionCursor? After);

/// <summary>Where a page of the session list ends: the order key (first event ts, or receive time ms for open sessions) and id of its last row.</summary>
public readonly record struct SessionCursor(long OrderKey, string SessionId);

/// <summary>One row of the session list.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Status">Its status.</param>
/// <param name="CloseReason">Why it closed; null while open.</param>
/// <param name="Downloaded">Whether it was downloaded.</param>
/// <param name="MediaId">The content id.</param>
/// <param name="MediaName">The content's name, when sent.</param>
/// <param name="ContentType">The content type.</param>
/// <param name="FirstEventTs">Device time of the first event (epoch ms).</param>
/// <param name="LastEventTs">Device time of the last event (epoch ms).</param>
/// <param name="ReceivedAt">Server time it arrived.</param>
/// <param name="ClosedAt">Server time it closed; null while open.</param>
/// <param name="EventCount">Events stored.</param>
/// <param name="IgnoredEventCount">Events ignored by the processor; null while open.</param>
/// <param name="LatenessSeconds">Downloaded only: receive time minus last event time.</param>
/// <param name="Measures">Its measures; null while open (not processed yet).</param>
public sealed record SessionListItem(
    string SessionId,
    SessionStatus Status,
    CloseReason? CloseReason,
    bool Downloaded,
    string MediaId,
    string? MediaName,
    string ContentType,
    long FirstEventTs,
    long LastEventTs,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ClosedAt,
    int EventCount,
    int? IgnoredEventCount,
    double? LatenessSeconds,
    Measures? Measures);

/// <summary>A page of sessions and the cursor of the next page (null on the last page).</summary>
public sealed record SessionListPage(IReadOnlyList<SessionListItem> Items, SessionCursor? Next);
