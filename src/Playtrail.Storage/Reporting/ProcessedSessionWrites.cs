using System.Collections.Immutable;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Reporting;

/// <summary>
/// The statements that add a processed session to the reports, in the order every store runs them inside its
/// processing transaction: its facts row, its rollup rows (per content, then totals, finest level first), its arrival
/// cell when downloaded, its content's catalogue entry. A fixed order means two transactions adding to the same rows
/// lock them in the same order and cannot deadlock.
/// </summary>
internal sealed class ProcessedSessionWrites
{
    public ProcessedSessionWrites(SqlDialect dialect, IReadOnlyList<Measure> measures)
    {
        _measures = measures;
        InsertFacts = ReportSql.InsertFacts(measures);
        Rollups = [.. RollupTableSet.All.SelectMany(set => set.Levels.Select(level => (level, ReportSql.AddToRollup(dialect, set, level, measures))))];
        Statements = [InsertFacts, .. Rollups.Select(rollup => rollup.Statement), ReportSql.AddToArrivals, ReportSql.UpsertMedia];
    }

    private readonly IReadOnlyList<Measure> _measures;

    public SqlStatement InsertFacts { get; }

    /// <summary>One increment per rollup table, with the level that gives its period.</summary>
    public ImmutableArray<(RollupLevel Level, SqlStatement Statement)> Rollups { get; }

    /// <summary>Every statement a session may need, for stores that prepare them once.</summary>
    public ImmutableArray<SqlStatement> Statements { get; }

    /// <summary>The statements for <paramref name="facts"/>, each with its parameter values in binding order.</summary>
    public List<(SqlStatement Statement, object?[] Values)> For(SessionFacts facts, long processedAt)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var writes = new List<(SqlStatement, object?[])>(Statements.Length) { (InsertFacts, FactColumns.Values(facts, processedAt, _measures)) };
        int? bucket = facts.LatenessSeconds is { } lateness ? LatenessHistogram.Bucket(lateness) : null;
        foreach (var (level, statement) in Rollups)
        {
            writes.Add((statement, [facts.SessionId, RollupPeriods.Of(level, facts.FirstEventTs), bucket]));
        }

        if (facts.Downloaded)
        {
            writes.Add((ReportSql.AddToArrivals,
                [facts.SessionId, RollupPeriods.Of(RollupLevel.Quarter, facts.FirstEventTs), RollupPeriods.Of(RollupLevel.Hour, facts.ReceivedAt.ToUnixTimeMilliseconds())]));
        }

        writes.Add((ReportSql.UpsertMedia, [facts.SessionId]));
        return writes;
    }
}
