using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;

namespace Playtrail.Storage.Reporting;

/// <summary>
/// The exports' reads for both stores: processed sessions in (first event ts, session id) order, a keyset page per
/// query on a connection of its own. Each page is read whole and its connection closed before its rows are handed out,
/// so memory stays at one page and no read transaction lasts longer than one query, however slow the consumer.
/// </summary>
internal static class ExportQueries
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 1_000;

    public static async Task<ExportCount> CountAsync(DbConnection connection, ExportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT count(*), coalesce(sum(f.calls_count), 0) FROM session_facts f WHERE ");
        await using var command = DbCommands.Create(connection, "");
        AddFilters(sql, command, query, after: null);
        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new ExportCount(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
    }

    public static async IAsyncEnumerable<ExportedSession> ExportAsync(
        Func<CancellationToken, Task<DbConnection>> open, ExportQuery query, bool includeCalls, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(query);
        (long Ts, string Id)? after = null;
        while (true)
        {
            var page = new List<ExportedSession>(PageSize);
            var connection = await open(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await using var command = PageCommand(connection, query, includeCalls, after);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var (facts, processedAt) = FactColumns.Read(reader, 0);
                    var callsColumn = FactColumns.Descriptive.Length + MeasureCatalog.Count;
                    byte[]? calls = includeCalls && !reader.IsDBNull(callsColumn) ? reader.GetFieldValue<byte[]>(callsColumn) : null;
                    page.Add(new ExportedSession(facts, DateTimeOffset.FromUnixTimeMilliseconds(processedAt), calls));
                }
            }

            foreach (var session in page)
            {
                yield return session;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = (page[^1].Facts.FirstEventTs, page[^1].Facts.SessionId);
        }
    }

    internal static DbCommand PageCommand(DbConnection connection, ExportQuery query, bool includeCalls, (long Ts, string Id)? after)
    {
        var command = DbCommands.Create(connection, "");
        var sql = new StringBuilder($"SELECT {FactColumns.SelectList("f", MeasureCatalog.All)}, ")
            .Append(includeCalls ? "r.calls FROM session_facts f LEFT JOIN session_reports r ON r.session_id = f.session_id WHERE " : "NULL FROM session_facts f WHERE ");
        AddFilters(sql, command, query, after);
        sql.Append(" ORDER BY f.first_ts, f.session_id LIMIT @page_size");
        command.With("page_size", PageSize);
        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>
    /// The range and filters. Both ends are row values on the index's (first_ts, session_id), the cursor replacing the
    /// start: SQLite bounds an index scan by one constraint per end, and a scalar bound on first_ts would win over the
    /// cursor and make every page rescan the range from its start. Ids are never empty, so (t, '') sorts before every
    /// session watched at t.
    /// </summary>
    private static void AddFilters(StringBuilder sql, DbCommand command, ExportQuery query, (long Ts, string Id)? after)
    {
        if (after is { } cursor)
        {
            sql.Append("(f.first_ts, f.session_id) > (@after_ts, @after_id)");
            command.With("after_ts", cursor.Ts).With("after_id", cursor.Id);
        }
        else
        {
            sql.Append("(f.first_ts, f.session_id) >= (@watched_from, '')");
            command.With("watched_from", query.WatchedFrom.ToUnixTimeMilliseconds());
        }

        sql.Append(" AND (f.first_ts, f.session_id) < (@watched_before, '')");
        command.With("watched_before", query.WatchedBefore.ToUnixTimeMilliseconds());
        if (query.Filter.MediaId is { } mediaId)
        {
            sql.Append(" AND f.media_id = @media_id");
            command.With("media_id", mediaId);
        }

        if (query.Filter.ContentType is { } contentType)
        {
            sql.Append(" AND f.content_type = @content_type");
            command.With("content_type", contentType);
        }

        if (query.Filter.Downloaded is { } downloaded)
        {
            sql.Append(" AND f.downloaded = @downloaded");
            command.With("downloaded", downloaded);
        }
    }
}
