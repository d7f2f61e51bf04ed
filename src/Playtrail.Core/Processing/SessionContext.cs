namespace Playtrail.Core.Processing;

/// <summary>What the processor needs to know about a session besides its events.</summary>
/// <param name="SessionId">The server-generated session id (reported as <c>a.media.vsid</c>).</param>
/// <param name="Downloaded">
/// True for a downloaded session: events are taken in array order and calls carry the events' <c>ts</c>.
/// False for an online session: events are ordered by <c>ts</c> (arrival order breaks ties) and calls carry no <c>ts</c>.
/// </param>
/// <param name="Close">
/// How the caller closed the session. A <c>sessionComplete</c> or <c>sessionEnd</c> among the events wins over this value.
/// </param>
/// <param name="SecondsSinceLastCall">
/// For <see cref="SessionCloseKind.Idle"/> and <see cref="SessionCloseKind.Stall"/>: the gap the sweeper measured
/// (docs/decisions/0012-online-timeouts.md). Ignored for the other kinds, which report 0 (closed) or nothing (open).
/// </param>
public sealed record SessionContext(string SessionId, bool Downloaded, SessionCloseKind Close, double? SecondsSinceLastCall = null);
