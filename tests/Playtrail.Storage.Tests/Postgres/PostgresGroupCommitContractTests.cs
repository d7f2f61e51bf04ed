using Playtrail.Storage.Postgres;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>The group-commit contract run on a PostgreSQL node's online writer, on a real server.</summary>
public sealed class PostgresGroupCommitContractTests : GroupCommitContract
{
    protected override SessionStoreHarness CreateHarness(int writers) => new PostgresStoreHarness(options => options.Writers = writers);

    protected override void Pause(ISessionStore store) => ((PostgresSessionStore)store).PauseWriter();

    protected override void Resume(ISessionStore store) => ((PostgresSessionStore)store).ResumeWriter();

    protected override long CommittedTransactions(ISessionStore store) => ((PostgresSessionStore)store).CommittedTransactions;

    protected override long FailedBatches(ISessionStore store) => ((PostgresSessionStore)store).FailedBatches;
}
