using Microsoft.Data.Sqlite;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Storage.Tests.Sqlite;

public sealed class SqliteSchemaTests
{
    [Fact]
    public async Task Initialize_CreatesMissingDirectoryAndVersionedWalDatabase()
    {
        await using var harness = new SqliteStoreHarness();
        Assert.False(Directory.Exists(Path.GetDirectoryName(harness.Path)));

        await harness.OpenSqliteAsync(TimeProvider.System);

        Assert.True(File.Exists(harness.Path));
        using var connection = OpenRaw(harness.Path);
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar(connection, "SELECT max(version) FROM schema_version"));
        Assert.Equal(1L, Scalar(connection, "SELECT wr FROM pragma_table_list WHERE name = 'events'"));
        Assert.Equal(0L, Scalar(connection, "SELECT wr FROM pragma_table_list WHERE name = 'sessions'"));
    }

    [Fact]
    public async Task Initialize_AgainOrOnReopen_AppliesEachMigrationOnce()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(TimeProvider.System);

        await store.InitializeAsync(CancellationToken.None);
        await store.DisposeAsync();
        await harness.OpenSqliteAsync(TimeProvider.System);

        using var connection = OpenRaw(harness.Path);
        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar(connection, "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task Initialize_DatabaseFromNewerBuild_RefusesToOpen()
    {
        await using var harness = new SqliteStoreHarness();
        await (await harness.OpenSqliteAsync(TimeProvider.System)).DisposeAsync();
        using (var connection = OpenRaw(harness.Path))
        {
            Scalar(connection, "INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");
        }

        var newer = harness.Create(TimeProvider.System);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync(CancellationToken.None));
        Assert.Contains("99", failure.Message, StringComparison.Ordinal);
    }

    private static SqliteConnection OpenRaw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
