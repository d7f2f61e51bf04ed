using Playtrail.Storage.Tests.Reporting;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>The report store contract run against a real SQLite file.</summary>
public sealed class SqliteReportStoreContractTests : ReportStoreContract
{
    protected override SessionStoreHarness CreateHarness() => new SqliteStoreHarness();
}
