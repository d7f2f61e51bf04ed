using System.Collections.Immutable;
using System.Data;
using System.Text;

namespace Playtrail.Storage.Reporting;

/// <summary>
/// The one generator of the reporting tables' SQL for both stores: the tables, the processing transaction's inserts and
/// increments, and the measure lists the reads select. Column lists come from the measure list given (the catalogue's,
/// or a migration's frozen copy), so no statement spells a measure out.
/// </summary>
internal static class ReportSql
{
    /// <summary>The measures the reporting tables were created with (schema 5 on SQLite, 2 on PostgreSQL).</summary>
    /// <remarks>
    /// A migration's tables must not change when the catalogue grows: a measure added to <see cref="Measure"/> (always at
    /// the end) gets its columns from a later migration, which adds one column per measure after these.
    /// </remarks>
    public static ImmutableArray<Measure> FirstMeasures { get; } = [.. MeasureCatalog.All.Take((int)Measure.DroppedBeforeStart + 1)];

    /// <summary>The measures' columns, comma-separated, each prefixed with <paramref name="alias"/> and a dot when given.</summary>
    public static string Columns(IReadOnlyList<Measure> measures, string? alias = null) =>
        string.Join(", ", measures.Select(measure => alias is null ? MeasureCatalog.Column(measure) : $"{alias}.{MeasureCatalog.Column(measure)}"));

    /// <summary>Every reporting table and index, for a migration.</summary>
    public static string CreateTables(SqlDialect dialect, IReadOnlyList<Measure> measures)
    {
        var measureColumns = string.Concat(measures.Select(measure => $",\n    {MeasureCatalog.Column(measure)} {dialect.Real} NOT NULL"));
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE session_facts (\n    session_id ").Append(dialect.Text)
            .Append(" NOT NULL PRIMARY KEY REFERENCES sessions (session_id) ON DELETE CASCADE");
        foreach (var (name, type, nullable) in FactColumns.Descriptive.Skip(1))
        {
            sql.Append(",\n    ").Append(name).Append(' ').Append(ColumnType(dialect, type)).Append(nullable ? " NULL" : " NOT NULL");
        }

        sql.Append(measureColumns).Append("\n);\n");
        sql.Append("""
            -- The session list, newest watched first, and the exports, oldest first: keyset pages on (first_ts, session_id),
            -- alone or after an equality on the content or the close reason.
            CREATE INDEX ix_session_facts_watched ON session_facts (first_ts, session_id);
            CREATE INDEX ix_session_facts_media ON session_facts (media_id, first_ts, session_id);
            CREATE INDEX ix_session_facts_close_reason ON session_facts (close_reason, first_ts, session_id);

            """);

        foreach (var set in RollupTableSet.All)
        {
            foreach (var level in set.Levels)
            {
                var table = set.Table(level);
                sql.Append("CREATE TABLE ").Append(table).Append(" (\n    period ").Append(dialect.BigInt).Append(" NOT NULL");
                if (set.HasMediaId)
                {
                    sql.Append(",\n    media_id ").Append(dialect.Text).Append(" NOT NULL");
                }

                sql.Append(",\n    content_type ").Append(dialect.Text).Append(" NOT NULL,\n    downloaded ").Append(dialect.Boolean).Append(" NOT NULL")
                    .Append(measureColumns)
                    .Append(",\n    lateness ").Append(dialect.Json).Append(" NULL,\n    PRIMARY KEY (").Append(set.KeyColumns).Append(")\n)")
                    .Append(dialect.WithoutRowId).Append(";\n");
                if (set.HasMediaId)
                {
                    // One content's report (a media filter) reads its own rows, not every content's rows of the range.
                    sql.Append("CREATE INDEX ix_").Append(table).Append("_media ON ").Append(table).Append(" (media_id, period);\n");
                }
            }
        }

        sql.Append($"""

            -- Downloaded sessions by quarter-hour watched and hour received (periods since 1970-01-01T00:00Z): the day watched
            -- is exact in every zone, as in every other report; the day received is placed by the hour.
            CREATE TABLE report_arrivals (
                watched_quarter {dialect.BigInt} NOT NULL,
                received_hour {dialect.BigInt} NOT NULL,
                content_type  {dialect.Text} NOT NULL,
                {Column(Measure.Sessions)} {dialect.Real} NOT NULL,
                {Column(Measure.TimePlayed)} {dialect.Real} NOT NULL,
                PRIMARY KEY (watched_quarter, received_hour, content_type)
            ){dialect.WithoutRowId};

            -- What the reports know of each content id: the name, type and length of its latest watched session.
            CREATE TABLE report_media (
                media_id        {dialect.Text} NOT NULL PRIMARY KEY,
                name            {dialect.Text} NULL,
                content_type    {dialect.Text} NOT NULL,
                length          {dialect.Real} NOT NULL,
                last_watched_ts {dialect.BigInt} NOT NULL
            ){dialect.WithoutRowId};

            -- Downloaded uploads by hour received (hours since 1970-01-01T00:00Z), outcome and refusal reason.
            CREATE TABLE upload_counts (
                hour    {dialect.BigInt} NOT NULL,
                outcome {dialect.Text} NOT NULL,
                reason  {dialect.Text} NOT NULL,
                uploads {dialect.BigInt} NOT NULL,
                PRIMARY KEY (hour, outcome, reason)
            ){dialect.WithoutRowId};

            """);
        return sql.ToString();
    }

    /// <summary>Inserts a processed session's <c>session_facts</c> row (parameters named after the columns).</summary>
    public static SqlStatement InsertFacts(IReadOnlyList<Measure> measures)
    {
        var parameters = FactColumns.Descriptive.Select(column => new SqlParameterSpec(column.Name, column.Type))
            .Concat(measures.Select(measure => new SqlParameterSpec(MeasureCatalog.Column(measure), DbType.Double)))
            .ToImmutableArray();
        var names = parameters.Select(parameter => parameter.Name).ToList();
        return new SqlStatement(
            $"INSERT INTO session_facts ({string.Join(", ", names)})\nVALUES ({string.Join(", ", names.Select(name => "@" + name))})",
            parameters);
    }

    /// <summary>
    /// Adds the session <c>@session_id</c>, already in <c>session_facts</c>, to its row of one rollup table: period
    /// <c>@period</c>, lateness bucket <c>@bucket</c> (NULL online). The measures are read from the facts row rather than
    /// bound again, so each is bound once per session however many rollups it feeds.
    /// </summary>
    public static SqlStatement AddToRollup(SqlDialect dialect, RollupTableSet set, RollupLevel level, IReadOnlyList<Measure> measures)
    {
        var keyValues = set.HasMediaId ? "@period, f.media_id, f.content_type, f.downloaded" : "@period, f.content_type, f.downloaded";
        var increments = string.Join(",\n    ", measures.Select(measure => MeasureCatalog.Column(measure)).Select(column => $"{column} = r.{column} + excluded.{column}"));
        return new SqlStatement(
            $"""
            INSERT INTO {set.Table(level)} AS r ({set.KeyColumns}, {Columns(measures)}, lateness)
            SELECT {keyValues}, {Columns(measures, "f")}, {dialect.LatenessOnInsert}
            FROM session_facts f WHERE f.session_id = @session_id
            ON CONFLICT ({set.KeyColumns}) DO UPDATE SET
                {increments},
                lateness = {dialect.LatenessOnConflict}
            """,
            [new("session_id", DbType.String), new("period", DbType.Int64), new("bucket", DbType.Int32)]);
    }

    /// <summary>Adds a downloaded session to its (quarter-hour watched, hour received, content type) cell.</summary>
    public static SqlStatement AddToArrivals { get; } = new(
        $"""
        INSERT INTO report_arrivals AS r (watched_quarter, received_hour, content_type, {Column(Measure.Sessions)}, {Column(Measure.TimePlayed)})
        SELECT @watched_quarter, @received_hour, f.content_type, f.{Column(Measure.Sessions)}, f.{Column(Measure.TimePlayed)}
        FROM session_facts f WHERE f.session_id = @session_id
        ON CONFLICT (watched_quarter, received_hour, content_type) DO UPDATE SET
            {Column(Measure.Sessions)} = r.{Column(Measure.Sessions)} + excluded.{Column(Measure.Sessions)},
            {Column(Measure.TimePlayed)} = r.{Column(Measure.TimePlayed)} + excluded.{Column(Measure.TimePlayed)}
        """,
        [new("session_id", DbType.String), new("watched_quarter", DbType.Int64), new("received_hour", DbType.Int64)]);

    /// <summary>
    /// Records the session's content in the catalogue. The latest watched session wins (a later-processed but earlier-watched
    /// session changes nothing but a missing name), so the catalogue does not depend on processing order.
    /// </summary>
    public static SqlStatement UpsertMedia { get; } = new(
        """
        INSERT INTO report_media AS r (media_id, name, content_type, length, last_watched_ts)
        SELECT f.media_id, f.media_name, f.content_type, f.media_length, f.first_ts
        FROM session_facts f WHERE f.session_id = @session_id
        ON CONFLICT (media_id) DO UPDATE SET
            name = CASE WHEN excluded.last_watched_ts >= r.last_watched_ts THEN coalesce(excluded.name, r.name) ELSE coalesce(r.name, excluded.name) END,
            content_type = CASE WHEN excluded.last_watched_ts >= r.last_watched_ts THEN excluded.content_type ELSE r.content_type END,
            length = CASE WHEN excluded.last_watched_ts >= r.last_watched_ts THEN excluded.length ELSE r.length END,
            last_watched_ts = CASE WHEN excluded.last_watched_ts >= r.last_watched_ts THEN excluded.last_watched_ts ELSE r.last_watched_ts END
        """,
        [new("session_id", DbType.String)]);

    /// <summary>Adds <c>@uploads</c> to one (hour, outcome, reason) count.</summary>
    public static SqlStatement AddUploadCount { get; } = new(
        """
        INSERT INTO upload_counts AS r (hour, outcome, reason, uploads) VALUES (@hour, @outcome, @reason, @uploads)
        ON CONFLICT (hour, outcome, reason) DO UPDATE SET uploads = r.uploads + excluded.uploads
        """,
        [new("hour", DbType.Int64), new("outcome", DbType.String), new("reason", DbType.String), new("uploads", DbType.Int64)]);

    private static string Column(Measure measure) => MeasureCatalog.Column(measure);

    private static string ColumnType(SqlDialect dialect, DbType type) => type switch
    {
        DbType.Boolean => dialect.Boolean,
        DbType.Double => dialect.Real,
        DbType.String => dialect.Text,
        DbType.Int32 => dialect.Integer,
        _ => dialect.BigInt,
    };
}
