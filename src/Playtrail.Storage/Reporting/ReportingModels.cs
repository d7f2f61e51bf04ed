namespace Playtrail.Storage.Reporting;

/// <summary>The sessions open right now.</summary>
/// <param name="Total">Open (active) online sessions.</param>
/// <param name="ByContentType">Of which, per content type.</param>
public sealed record ActiveSessions(long Total, IReadOnlyDictionary<string, long> ByContentType);

/// <summary>What the reports know of one content id: the latest name, type and length processed sessions gave it.</summary>
/// <param name="MediaId">The content id.</param>
/// <param name="Name">Its name, when any session sent one.</param>
/// <param name="ContentType">Its content type.</param>
/// <param name="Length">Its length in seconds.</param>
/// <param name="LastWatchedTs">The latest first-event time among its sessions (epoch ms).</param>
public sealed record MediaEntry(string MediaId, string? Name, string ContentType, double Length, long LastWatchedTs);

/// <summary>
/// The processed sessions an export reads: watched from <paramref name="WatchedFrom"/> (inclusive) to
/// <paramref name="WatchedBefore"/> (exclusive), matching <paramref name="Filter"/>; read in (first event ts, session id) order.
/// </summary>
public sealed record ExportQuery(DateTimeOffset WatchedFrom, DateTimeOffset WatchedBefore, ReportFilter Filter);

/// <summary>How many rows an export will write, known before it starts (for progress).</summary>
/// <param name="Sessions">Sessions.</param>
/// <param name="Calls">Analytics calls of those sessions.</param>
public sealed record ExportCount(long Sessions, long Calls);

/// <summary>One exported session: its facts, when it was processed, and its analytics calls JSON when asked for.</summary>
public sealed record ExportedSession(SessionFacts Facts, DateTimeOffset ProcessedAt, byte[]? CallsJson);

/// <summary>Downloaded uploads counted by outcome, per hour received.</summary>
/// <param name="Hour">Hours since 1970-01-01T00:00Z of arrival.</param>
/// <param name="Outcome">One of <see cref="UploadOutcomes"/>.</param>
/// <param name="Reason">For a refused upload, what refused it (<c>400:rule</c>, <c>413</c>, <c>415</c>, <c>422</c>); empty otherwise.</param>
/// <param name="Count">Uploads.</param>
public sealed record UploadCount(long Hour, string Outcome, string Reason, long Count);

/// <summary>The outcomes of a downloaded upload counted in <see cref="UploadCount"/>.</summary>
public static class UploadOutcomes
{
    /// <summary>Stored as a new session (201).</summary>
    public const string Accepted = "accepted";

    /// <summary>A repeat of a stored upload, answered with the original session (idempotent replay).</summary>
    public const string Repeated = "repeated";

    /// <summary>Refused; nothing stored.</summary>
    public const string Refused = "refused";
}
