using Microsoft.Data.Sqlite;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>Plain SQL on a database file, beside the store: what the schema and event chain tests read and seed with.</summary>
internal static class SqliteFiles
{
    /// <summary>A connection of its own to <paramref name="path"/>, outside any pool, so closing it releases the file.</summary>
    public static SqliteConnection OpenRaw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> and returns the first column of its first row, if any.</summary>
    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The first column of every row of <paramref name="sql"/>, as text joined by ';'.</summary>
    public static string Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return string.Join(';', rows);
    }
}
