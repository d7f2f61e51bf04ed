using Microsoft.Data.Sqlite;

namespace Playtrail.Client.Offline;

/// <summary>Creates the device store's tables and sets the connection's pragmas.</summary>
internal static class StoreSchema
{
    private const int Version = 1;

    /// <summary>
    /// WAL so a reader (the uploader) never blocks the tracker's writes; <c>synchronous</c> from the durability option;
    /// AUTOINCREMENT ids so a deleted session's id is never reused and "oldest first" is simply "lowest id first".
    /// </summary>
    public static void Apply(SqliteConnection connection, StoreDurability durability)
    {
        Execute(connection, StoreSql.JournalModeWal);
        Execute(connection, durability == StoreDurability.SurvivesPowerLoss ? StoreSql.SynchronousFull : StoreSql.SynchronousNormal);
        Execute(connection, StoreSql.BusyTimeout);
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = StoreSql.CreateTables;
            command.ExecuteNonQuery();
            command.CommandText = StoreSql.SetUserVersion + Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
