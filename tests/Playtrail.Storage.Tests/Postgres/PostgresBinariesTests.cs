using Playtrail.Testing;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>Finding the PostgreSQL binaries, and failing loudly with a fix when they are not there.</summary>
public sealed class PostgresBinariesTests
{
    [Fact]
    public async Task FindAsync_WithTheVariableOnAFolderWithoutPostgres_FailsNamingTheVariableAndTheFix()
    {
        var empty = Directory.CreateTempSubdirectory("playtrail-no-pg-");
        try
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresBinaries.FindAsync(empty.FullName, CancellationToken.None));

            Assert.Contains("Cannot start PostgreSQL for the tests", failure.Message);
            Assert.Contains($"PLAYTRAIL_PG_BIN={empty.FullName}", failure.Message);
            Assert.Contains("initdb", failure.Message);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task FindAsync_WithoutTheVariable_FindsAFolderWithTheServerPrograms()
    {
        var folder = await PostgresBinaries.FindAsync(configured: null, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(folder, "initdb")), $"no initdb in {folder}");
        Assert.True(File.Exists(Path.Combine(folder, "pg_ctl")), $"no pg_ctl in {folder}");
        Assert.True(File.Exists(Path.Combine(folder, "postgres")), $"no postgres in {folder}");
    }
}
