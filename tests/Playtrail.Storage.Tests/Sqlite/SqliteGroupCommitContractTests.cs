using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>The group-commit contract run on the SQLite store's single writer, on a real file.</summary>
public sealed class SqliteGroupCommitContractTests : GroupCommitContract
{
    // SQLite has one writer by design; the writer count is PostgreSQL's choice.
    protected override SessionStoreHarness CreateHarness(int writers) => new SqliteStoreHarness();

    protected override void Pause(ISessionStore store) => ((SqliteSessionStore)store).PauseWriter();

    protected override void Resume(ISessionStore store) => ((SqliteSessionStore)store).ResumeWriter();

    protected override long CommittedTransactions(ISessionStore store) => ((SqliteSessionStore)store).CommittedTransactions;

    protected override long FailedBatches(ISessionStore store) => ((SqliteSessionStore)store).FailedBatches;
}
