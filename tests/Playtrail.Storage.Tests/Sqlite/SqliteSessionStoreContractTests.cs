using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>The storage contract run against a real SQLite file.</summary>
public sealed class SqliteSessionStoreContractTests : SessionStoreContract
{
    protected override SessionStoreHarness CreateHarness() => new SqliteStoreHarness();
}
