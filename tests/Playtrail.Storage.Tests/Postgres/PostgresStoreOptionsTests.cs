using Npgsql;
using Playtrail.Storage.Postgres;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>The group commit's settings are checked at start-up, and the store's automatic preparation yields to the connection string.</summary>
public sealed class PostgresStoreOptionsTests
{
    private const string ConnectionString = "Host=localhost;Database=playtrail";

    [Theory]
    [InlineData(0, 1, 1, "MaxBatchSize")]
    [InlineData(PostgresStoreOptions.MaxBatchSizeLimit + 1, 1, 1, "MaxBatchSize")]
    [InlineData(1, 0, 1, "QueueCapacity")]
    [InlineData(1, 1, 0, "Writers")]
    [InlineData(1, 1, PostgresStoreOptions.MaxWritersLimit + 1, "Writers")]
    public void FindProblems_BatchingSettingOutOfRange_NamesTheSetting(int maxBatchSize, int queueCapacity, int writers, string setting)
    {
        var options = new PostgresStoreOptions { ConnectionString = ConnectionString, MaxBatchSize = maxBatchSize, QueueCapacity = queueCapacity, Writers = writers };

        var problem = Assert.Single(PostgresStoreOptionsValidator.FindProblems(options));

        Assert.StartsWith($"Storage:Postgres:{setting} must be", problem);
    }

    [Fact]
    public void FindProblems_Defaults_AreUsable() =>
        Assert.Empty(PostgresStoreOptionsValidator.FindProblems(new PostgresStoreOptions { ConnectionString = ConnectionString }));

    [Theory]
    [InlineData(ConnectionString, 64)]
    [InlineData(ConnectionString + ";Max Auto Prepare=0", 0)]
    [InlineData(ConnectionString + ";Max Auto Prepare=20", 20)]
    public void WithAutoPrepare_TurnsItOnUnlessTheConnectionStringSetsIt(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PostgresSessionStore.WithAutoPrepare(connectionString)).MaxAutoPrepare);
}
