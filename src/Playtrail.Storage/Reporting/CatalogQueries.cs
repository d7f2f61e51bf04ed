using Playtrail.Storage.Sessions;
using System.Data.Common;
using System.Globalization;

namespace Playtrail.Storage.Reporting;

/// <summary>The small reads of the reporting API, the same for both stores: open sessions, the content catalogue, upload counts.</summary>
internal static class CatalogQueries
{
    /// <summary>Content ids per statement: far below both stores' parameter limits.</summary>
    private const int MediaChunk = 500;

    /// <summary>Counted from the open sessions themselves; the partial indexes on open sessions keep it to that set.</summary>
    public static async Task<ActiveSessions> GetActiveAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, $"SELECT content_type, count(*) FROM sessions WHERE status = '{SessionStatusText.Active}' GROUP BY content_type");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var byContentType = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            byContentType[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return new ActiveSessions(byContentType.Values.Sum(), byContentType);
    }

    public static async Task<IReadOnlyDictionary<string, MediaEntry>> GetMediaAsync(
        DbConnection connection, IReadOnlyCollection<string> mediaIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mediaIds);
        var entries = new Dictionary<string, MediaEntry>(StringComparer.Ordinal);
        foreach (var chunk in mediaIds.Distinct(StringComparer.Ordinal).Chunk(MediaChunk))
        {
            await using var command = DbCommands.Create(connection, "");
            for (var i = 0; i < chunk.Length; i++)
            {
                command.With($"m{i}", chunk[i]);
            }

            command.CommandText = "SELECT media_id, name, content_type, length, last_watched_ts FROM report_media WHERE media_id IN (" +
                string.Join(", ", chunk.Select((_, i) => $"@m{i}")) + ")";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var entry = new MediaEntry(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetDouble(3), reader.GetInt64(4));
                entries[entry.MediaId] = entry;
            }
        }

        return entries;
    }

    public static async Task<IReadOnlyList<UploadCount>> GetUploadCountsAsync(DbConnection connection, long fromHour, long toHour, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, "SELECT hour, outcome, reason, uploads FROM upload_counts WHERE hour BETWEEN @from_hour AND @to_hour")
            .With("from_hour", fromHour).With("to_hour", toHour);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new List<UploadCount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new UploadCount(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }

        // Ordered here, by code unit, so both stores answer in the same order whatever their collation.
        return [.. counts.OrderBy(count => count.Hour).ThenBy(count => count.Outcome, StringComparer.Ordinal).ThenBy(count => count.Reason, StringComparer.Ordinal)];
    }
}
