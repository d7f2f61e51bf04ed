namespace Playtrail.Storage.Reporting;

/// <summary>
/// Runs a query for the report engine and hands its rows over column by column. Reports read tens of thousands of rows of
/// thirty columns, so each store reads them its fastest way; the engine's SQL and sums stay one.
/// </summary>
internal interface IRowSource
{
    /// <summary>Runs <paramref name="sql"/> with its <c>@name</c> parameters (never null) and returns its rows.</summary>
    Task<IRowReader> QueryAsync(string sql, IReadOnlyList<KeyValuePair<string, object>> parameters, CancellationToken cancellationToken);
}
