namespace Playtrail.Core.Processing;

/// <summary>
/// Why an event was ignored or repaired (ordering and state problems are handled, not rejected:
/// docs/decisions/0008-structure-rules-and-repairs.md).
/// An ignored event loses its meaning, but its <c>playerTime</c> still counts as an observation (it splits time
/// intervals and carries a playhead), except for <see cref="BeforeSessionStart"/>, <see cref="DuplicateSessionStart"/>
/// and <see cref="AfterClose"/> events, which are dropped whole.
/// </summary>
public static class IgnoreReasons
{
    /// <summary>The event comes before any <c>sessionStart</c>: dropped.</summary>
    public const string BeforeSessionStart = "beforeSessionStart";

    /// <summary>A second <c>sessionStart</c> in the same session: dropped.</summary>
    public const string DuplicateSessionStart = "duplicateSessionStart";

    /// <summary>
    /// The event comes after <c>sessionComplete</c> or <c>sessionEnd</c>: dropped
    /// (docs/decisions/0011-close-events.md).
    /// </summary>
    public const string AfterClose = "afterClose";

    /// <summary>The event's JSON could not be read: its meaning is dropped, its stored <c>ts</c> and playhead still count.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>
    /// Repaired: the event's <c>ts</c> is earlier than an earlier event's, so its gap counts as zero
    /// (docs/decisions/0009-one-processor-event-order.md).
    /// </summary>
    public const string ClockAnomaly = "clockAnomaly";

    /// <summary>
    /// <c>adStart</c>, <c>adComplete</c> or <c>adSkip</c> outside an ad break: ignored, the time counts as main content
    /// (docs/decisions/0014-ads-chapters-states.md).
    /// </summary>
    public const string AdOutsideBreak = "adOutsideBreak";

    /// <summary><c>adComplete</c> or <c>adSkip</c> inside a break with no ad open: ignored.</summary>
    public const string AdNotStarted = "adNotStarted";

    /// <summary>Repaired: <c>adStart</c> while an ad is open; the open ad is closed first (neither complete nor skipped).</summary>
    public const string AdOverlap = "adOverlap";

    /// <summary><c>adBreakComplete</c> with no break open: ignored.</summary>
    public const string AdBreakNotStarted = "adBreakNotStarted";

    /// <summary>Repaired: <c>adBreakStart</c> while a break is open; the open break (and its open ad) is closed first.</summary>
    public const string AdBreakOverlap = "adBreakOverlap";

    /// <summary><c>chapterComplete</c> or <c>chapterSkip</c> with no chapter open: ignored.</summary>
    public const string ChapterNotStarted = "chapterNotStarted";

    /// <summary>
    /// Repaired: <c>chapterStart</c> while a chapter is open; the open chapter is skipped
    /// (docs/decisions/0014-ads-chapters-states.md).
    /// </summary>
    public const string ChapterOverlap = "chapterOverlap";

    /// <summary>A state end (<c>stateEnd</c> or a <c>statesUpdate</c> entry) for a state that is not active: ignored.</summary>
    public const string StateNotStarted = "stateNotStarted";

    /// <summary>A state start for a state that is already active: ignored (it is not entered twice).</summary>
    public const string StateAlreadyStarted = "stateAlreadyStarted";

    /// <summary>
    /// A state start for an 11th distinct state: ignored (at most 10 per session,
    /// docs/decisions/0014-ads-chapters-states.md).
    /// </summary>
    public const string StateLimit = "stateLimit";
}
