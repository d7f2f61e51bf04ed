using Playtrail.Storage.Tests.Reporting;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>The report store contract run against a real PostgreSQL server, each test on a fresh database.</summary>
public sealed class PostgresReportStoreContractTests : ReportStoreContract
{
    protected override SessionStoreHarness CreateHarness() => new PostgresStoreHarness();
}
