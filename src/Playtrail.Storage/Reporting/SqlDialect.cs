namespace Playtrail.Storage.Reporting;

/// <summary>
/// What differs between the SQL of the two stores in the reporting tables: column types and the JSON functions that
/// count a lateness bucket. Everything else (upserts with <c>INSERT INTO t AS r … ON CONFLICT … DO UPDATE</c>, row
/// comparisons, <c>@name</c> parameters) is the same text for both.
/// </summary>
internal sealed class SqlDialect
{
    /// <summary>SQLite: dynamic types, booleans as 0/1, JSON kept as TEXT.</summary>
    public static SqlDialect Sqlite { get; } = new()
    {
        Integer = "INTEGER",
        BigInt = "INTEGER",
        Real = "REAL",
        Text = "TEXT",
        Boolean = "INTEGER",
        Json = "TEXT",
        WithoutRowId = " WITHOUT ROWID",
        LatenessOnInsert = "CASE WHEN @bucket IS NULL THEN NULL ELSE json_object(CAST(@bucket AS TEXT), 1) END",
        LatenessOnConflict =
            """
            CASE WHEN @bucket IS NULL THEN r.lateness
                ELSE json_set(coalesce(r.lateness, '{}'), '$."' || @bucket || '"',
                    coalesce(json_extract(r.lateness, '$."' || @bucket || '"'), 0) + 1) END
            """,
    };

    /// <summary>PostgreSQL: typed columns and jsonb.</summary>
    public static SqlDialect Postgres { get; } = new()
    {
        Integer = "integer",
        BigInt = "bigint",
        Real = "double precision",
        Text = "text",
        Boolean = "boolean",
        Json = "jsonb",
        WithoutRowId = "",
        LatenessOnInsert = "CASE WHEN @bucket IS NULL THEN NULL ELSE jsonb_build_object(@bucket::text, 1) END",
        LatenessOnConflict =
            """
            CASE WHEN @bucket IS NULL THEN r.lateness
                ELSE jsonb_set(coalesce(r.lateness, '{}'::jsonb), ARRAY[@bucket::text],
                    to_jsonb(coalesce((r.lateness ->> @bucket::text)::bigint, 0) + 1)) END
            """,
    };

    public required string Integer { get; init; }

    public required string BigInt { get; init; }

    public required string Real { get; init; }

    public required string Text { get; init; }

    public required string Boolean { get; init; }

    public required string Json { get; init; }

    /// <summary>Appended to tables keyed by their primary key alone (SQLite stores them as the key's B-tree).</summary>
    public required string WithoutRowId { get; init; }

    /// <summary>A new rollup row's lateness histogram: one session in bucket <c>@bucket</c>, or NULL online.</summary>
    public required string LatenessOnInsert { get; init; }

    /// <summary>An existing row's histogram (alias <c>r</c>) with one more session in bucket <c>@bucket</c>.</summary>
    public required string LatenessOnConflict { get; init; }
}
