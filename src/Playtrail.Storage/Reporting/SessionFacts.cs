using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Reporting;

/// <summary>
/// What one processed session adds to the reports: the keys it is grouped by, its measures and what the session list
/// and the exports show of it. Written once, in the processing transaction, as one <c>session_facts</c> row and as
/// increments of every rollup it belongs to.
/// </summary>
/// <param name="SessionId">The session.</param>
/// <param name="Downloaded">Whether the session was downloaded.</param>
/// <param name="Status">How it ended (never <see cref="SessionStatus.Active"/>: only closed sessions are processed).</param>
/// <param name="CloseReason">Why it closed.</param>
/// <param name="MediaId">The content id.</param>
/// <param name="MediaName">The content's name, when sent.</param>
/// <param name="ContentType">The content type.</param>
/// <param name="MediaLength">The content length in seconds.</param>
/// <param name="FirstEventTs">Device time of the first event (epoch ms): the time the session was watched, which places it in reports.</param>
/// <param name="LastEventTs">Device time of the last event processed (epoch ms).</param>
/// <param name="ReceivedAt">Server time the session (its first request, or its upload) arrived.</param>
/// <param name="ClosedAt">Server time the session closed.</param>
/// <param name="EventCount">Events stored.</param>
/// <param name="IgnoredEventCount">Events the processor ignored or repaired.</param>
/// <param name="CallCount">Analytics calls made.</param>
/// <param name="LatenessSeconds">Downloaded only: receive time minus last event time, in seconds; null online.</param>
/// <param name="Measures">The session's contribution to every measure.</param>
public sealed record SessionFacts(
    string SessionId,
    bool Downloaded,
    SessionStatus Status,
    CloseReason CloseReason,
    string MediaId,
    string? MediaName,
    string ContentType,
    double MediaLength,
    long FirstEventTs,
    long LastEventTs,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ClosedAt,
    int EventCount,
    int IgnoredEventCount,
    int CallCount,
    double? LatenessSeconds,
    Measures Measures);
