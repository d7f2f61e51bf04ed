using System.Diagnostics.CodeAnalysis;
using System.Data.Common;
using System.Text;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Storage.Reporting;

/// <summary>
/// The session list for both stores: keyset pages, newest first. Closed sessions come from <c>session_facts</c>, open
/// ones from <c>sessions</c>. The code, not the planner, chooses the index each page walks in order (by content, by
/// close reason, or by time alone), and the other filters are written so that no index is used for them.
/// </summary>
internal static class SessionListQueries
{
    [SuppressMessage("Reliability", "CA2000", Justification = "ReadAsync takes the command and disposes it.")]
    public static async Task<SessionListPage> ListAsync(DbConnection connection, SessionListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        if (query.Status == SessionStatus.Active)
        {
            var open = query.CloseReason is null ? await ReadAsync(connection, OpenCommand(connection, query), open: true, cancellationToken).ConfigureAwait(false) : [];
            return Page(open, query.Limit, item => item.ReceivedAt.ToUnixTimeMilliseconds());
        }

        var reasons = Reasons(query.Status, query.CloseReason);
        if (reasons is { Count: 0 })
        {
            return new SessionListPage([], null);
        }

        List<SessionListItem> items;
        if (query.MediaId is not null || reasons is null)
        {
            items = await ReadAsync(connection, ClosedCommand(connection, query, drivingReason: null, reasons), open: false, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // One ordered walk of the close-reason index per reason, merged: a status is one or two reasons.
            items = [];
            foreach (var reason in reasons)
            {
                items.AddRange(await ReadAsync(connection, ClosedCommand(connection, query, reason, reasons: null), open: false, cancellationToken).ConfigureAwait(false));
            }

            items.Sort((left, right) => left.FirstEventTs != right.FirstEventTs
                ? right.FirstEventTs.CompareTo(left.FirstEventTs)
                : string.CompareOrdinal(right.SessionId, left.SessionId));
        }

        return Page(items, query.Limit, item => item.FirstEventTs);
    }

    /// <summary>The close reasons a status and a close-reason filter allow together; null when any reason goes.</summary>
    internal static IReadOnlyList<CloseReason>? Reasons(SessionStatus? status, CloseReason? closeReason)
    {
        IReadOnlyList<CloseReason>? byStatus = status is { } wanted
            ? [.. CloseReasonText.All.Where(reason => CloseReasonText.StatusOf(reason) == wanted)]
            : null;
        if (closeReason is not { } only)
        {
            return byStatus;
        }

        return byStatus is null || byStatus.Contains(only) ? [only] : [];
    }

    private static SessionListPage Page(List<SessionListItem> items, int limit, Func<SessionListItem, long> orderKey)
    {
        if (items.Count <= limit)
        {
            return new SessionListPage(items, null);
        }

        items.RemoveRange(limit, items.Count - limit);
        var last = items[^1];
        return new SessionListPage(items, new SessionCursor(orderKey(last), last.SessionId));
    }

    internal static DbCommand ClosedCommand(DbConnection connection, SessionListQuery query, CloseReason? drivingReason, IReadOnlyList<CloseReason>? reasons)
    {
        var command = DbCommands.Create(connection, "");
        var sql = new StringBuilder($"SELECT {FactColumns.SelectList("f", MeasureCatalog.All)} FROM session_facts f WHERE ");
        if (query.MediaId is { } mediaId)
        {
            sql.Append("f.media_id = @media_id");
            command.With("media_id", mediaId);
        }
        else if (drivingReason is { } reason)
        {
            sql.Append("f.close_reason = @close_reason");
            command.With("close_reason", CloseReasonText.Name(reason));
        }
        else
        {
            sql.Append("1 = 1");
        }

        if (reasons is not null)
        {
            // "|| ''" keeps the planner off the close-reason index: this page walks the content's index.
            sql.Append(" AND f.close_reason || '' IN (").Append(string.Join(", ", reasons.Select((_, i) => $"@reason{i}"))).Append(')');
            for (var i = 0; i < reasons.Count; i++)
            {
                command.With($"reason{i}", CloseReasonText.Name(reasons[i]));
            }
        }

        AddCommonFilters(sql, command, query, "f.first_ts", "f.session_id", "f.", orderedByWatched: true);
        sql.Append(" ORDER BY f.first_ts DESC, f.session_id DESC LIMIT @limit");
        command.With("limit", query.Limit + 1);
        command.CommandText = sql.ToString();
        return command;
    }

    internal static DbCommand OpenCommand(DbConnection connection, SessionListQuery query)
    {
        var command = DbCommands.Create(connection, "");
        var sql = new StringBuilder(
            "SELECT s.session_id, s.downloaded, s.media_id, s.media_name, s.content_type, s.first_ts, s.last_ts, s.received_at, s.event_count " +
            $"FROM sessions s WHERE s.status = '{SessionStatusText.Active}'");
        if (query.MediaId is { } mediaId)
        {
            sql.Append(" AND s.media_id = @media_id");
            command.With("media_id", mediaId);
        }

        AddCommonFilters(sql, command, query, "s.received_at", "s.session_id", "s.", orderedByWatched: false);
        sql.Append(" ORDER BY s.received_at DESC, s.session_id DESC LIMIT @limit");
        command.With("limit", query.Limit + 1);
        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>
    /// The keyset (rows strictly after the cursor in descending order) and the filters every list shares. When the list
    /// is ordered by the time watched, both ends of the range are written as row values on the order columns, the
    /// cursor replacing the upper end: SQLite bounds an index scan by one constraint per end, and a scalar bound on
    /// first_ts would win over the cursor and make every page rescan the pages before it.
    /// </summary>
    private static void AddCommonFilters(StringBuilder sql, DbCommand command, SessionListQuery query, string orderColumn, string idColumn, string prefix, bool orderedByWatched)
    {
        if (query.After is { } after)
        {
            sql.Append($" AND ({orderColumn}, {idColumn}) < (@after_key, @after_id)");
            command.With("after_key", after.OrderKey).With("after_id", after.SessionId);
        }

        if (query.WatchedBefore is { } before && !(orderedByWatched && query.After is not null))
        {
            // Ids are never empty, so (before, '') excludes every session watched at "before" and keeps all earlier ones.
            sql.Append(orderedByWatched ? $" AND ({orderColumn}, {idColumn}) < (@watched_before, '')" : $" AND {prefix}first_ts < @watched_before");
            command.With("watched_before", before.ToUnixTimeMilliseconds());
        }

        if (query.WatchedFrom is { } from)
        {
            sql.Append(orderedByWatched ? $" AND ({orderColumn}, {idColumn}) >= (@watched_from, '')" : $" AND {prefix}first_ts >= @watched_from");
            command.With("watched_from", from.ToUnixTimeMilliseconds());
        }

        if (query.ContentType is { } contentType)
        {
            sql.Append($" AND {prefix}content_type = @content_type");
            command.With("content_type", contentType);
        }

        if (query.Downloaded is { } downloaded)
        {
            sql.Append($" AND {prefix}downloaded = @downloaded");
            command.With("downloaded", downloaded);
        }
    }

    private static async Task<List<SessionListItem>> ReadAsync(DbConnection connection, DbCommand command, bool open, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            var items = new List<SessionListItem>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(open ? OpenItem(reader) : ClosedItem(reader));
            }

            return items;
        }
    }

    private static SessionListItem ClosedItem(DbDataReader reader)
    {
        var (facts, _) = FactColumns.Read(reader, 0);
        return new SessionListItem(facts.SessionId, facts.Status, facts.CloseReason, facts.Downloaded, facts.MediaId, facts.MediaName,
            facts.ContentType, facts.FirstEventTs, facts.LastEventTs, facts.ReceivedAt, facts.ClosedAt, facts.EventCount,
            facts.IgnoredEventCount, facts.LatenessSeconds, facts.Measures);
    }

    private static SessionListItem OpenItem(DbDataReader reader) => new(
        SessionId: reader.GetString(0),
        Status: SessionStatus.Active,
        CloseReason: null,
        Downloaded: reader.GetBoolean(1),
        MediaId: reader.GetString(2),
        MediaName: reader.IsDBNull(3) ? null : reader.GetString(3),
        ContentType: reader.GetString(4),
        FirstEventTs: reader.GetInt64(5),
        LastEventTs: reader.GetInt64(6),
        ReceivedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        ClosedAt: null,
        EventCount: reader.GetInt32(8),
        IgnoredEventCount: null,
        LatenessSeconds: null,
        Measures: null);
}
