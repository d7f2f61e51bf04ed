using Npgsql;
using NpgsqlTypes;

namespace Playtrail.Storage.Postgres;

/// <summary>Binds values with an explicit type, so a null still tells PostgreSQL what it is.</summary>
internal static class PostgresParameters
{
    public static void AddTyped(this NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, object? value) =>
        parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });

    public static void AddText(this NpgsqlParameterCollection parameters, string name, string? value) =>
        parameters.AddTyped(name, NpgsqlDbType.Text, value);

    public static void AddBigint(this NpgsqlParameterCollection parameters, string name, long? value) =>
        parameters.AddTyped(name, NpgsqlDbType.Bigint, value);

    public static void AddInteger(this NpgsqlParameterCollection parameters, string name, int? value) =>
        parameters.AddTyped(name, NpgsqlDbType.Integer, value);

    public static void AddDouble(this NpgsqlParameterCollection parameters, string name, double value) =>
        parameters.AddTyped(name, NpgsqlDbType.Double, value);

    /// <summary>Binds <paramref name="values"/> as a PostgreSQL array of <paramref name="elementType"/> (a null element stays NULL).</summary>
    public static void AddArray<T>(this NpgsqlParameterCollection parameters, string name, NpgsqlDbType elementType, List<T> values) =>
        parameters.AddTyped(name, NpgsqlDbType.Array | elementType, values);

    public static void AddBoolean(this NpgsqlParameterCollection parameters, string name, bool value) =>
        parameters.AddTyped(name, NpgsqlDbType.Boolean, value);
}
