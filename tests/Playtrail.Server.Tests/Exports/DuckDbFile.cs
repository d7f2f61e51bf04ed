using DuckDB.NET.Data;

namespace Playtrail.Server.Tests.Exports;

/// <summary>Reads a file with DuckDB, a standard Parquet reader that shares no code with the writer.</summary>
internal static class DuckDbFile
{
    /// <summary>The rows of <paramref name="sql"/>, each as its column values (DBNull for null).</summary>
    public static List<object[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }

        return rows;
    }

    /// <summary>Column name → DuckDB type of the Parquet file at <paramref name="path"/>.</summary>
    public static Dictionary<string, string> Types(string path) =>
        Query($"DESCRIBE SELECT * FROM read_parquet('{path}')").ToDictionary(row => (string)row[0], row => (string)row[1]);
}
