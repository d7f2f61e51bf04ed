using System.Data.Common;

namespace Playtrail.Storage.Reporting;

/// <summary>Commands on any ADO.NET connection, so that SQLite and PostgreSQL run the same reads.</summary>
internal static class DbCommands
{
    /// <summary>A command for <paramref name="sql"/> on <paramref name="connection"/>.</summary>
    public static DbCommand Create(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// Binds <paramref name="value"/> (never null here) to <c>@<paramref name="name"/></c>: both providers accept a name
    /// without its prefix and infer the type from the value.
    /// </summary>
    public static DbCommand With(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return command;
    }
}
