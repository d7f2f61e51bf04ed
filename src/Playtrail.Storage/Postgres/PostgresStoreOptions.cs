namespace Playtrail.Storage.Postgres;

/// <summary>Settings of the PostgreSQL store, bound from the <c>Storage:Postgres</c> configuration section.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Storage:Postgres";

    /// <summary>
    /// The Npgsql connection string (<c>Host=...;Port=...;Database=...;Username=...;Password=...</c>). Every node of a
    /// deployment points at the same database; pool sizes and timeouts are set here too.
    /// </summary>
    public string ConnectionString { get; set; } = "";
}
