namespace Playtrail.LoadTest.Scenarios;

/// <summary>The store the started server runs on (<c>Storage:Provider</c>).</summary>
internal enum StoreProvider
{
    /// <summary>A fresh SQLite file in the server's temp folder (the default).</summary>
    Sqlite,

    /// <summary>A fresh database on a PostgreSQL cluster the harness started, with fsync on.</summary>
    Postgres,
}
