using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>The storage contract run against a real PostgreSQL server, each test on a fresh database.</summary>
public sealed class PostgresSessionStoreContractTests : SessionStoreContract
{
    protected override SessionStoreHarness CreateHarness() => new PostgresStoreHarness();
}
