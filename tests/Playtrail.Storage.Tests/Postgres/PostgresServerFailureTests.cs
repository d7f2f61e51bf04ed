using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Npgsql;
using Playtrail.Testing;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>How the fixture copes when starting a server goes wrong: a clear failure, or a retry when the port was taken.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PostgresServerFailureTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task StartAsync_WhenInitdbFails_ThrowsWithInitdbsOutputAndHowToFixIt()
    {
        var binFolder = FakeBinFolder("echo 'initdb: simulated failure for the test' >&2; exit 1");
        try
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresServer.StartAsync(binFolder, PostgresServer.FreePort, None));

            Assert.StartsWith("Cannot start PostgreSQL for the tests: ", failure.Message);
            Assert.Contains("initdb", failure.Message);
            Assert.Contains("failed (exit code 1)", failure.Message);
            Assert.Contains("simulated failure for the test", failure.Message);
            Assert.Contains("apt-get install postgresql", failure.Message);
            Assert.Contains("PLAYTRAIL_PG_BIN", failure.Message);
        }
        finally
        {
            Directory.Delete(binFolder, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_WhenThePortIsTakenBeforeTheServerBindsIt_StartsOnAnotherPort()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var takenPort = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var ports = new Queue<int>([takenPort]);
        var binFolder = await PostgresBinariesFolderAsync();

        await using var server = await PostgresServer.StartAsync(binFolder, () => ports.Count > 0 ? ports.Dequeue() : PostgresServer.FreePort(), None);

        Assert.NotEqual(takenPort, server.Port);
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(None);
        Assert.Empty(ports);
    }

    private static Task<string> PostgresBinariesFolderAsync() => PostgresBinaries.FindAsync(None);

    /// <summary>A bin folder whose initdb runs <paramref name="initdbScript"/>; readable by the postgres user when tests run as root.</summary>
    private static string FakeBinFolder(string initdbScript)
    {
        const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        var folder = Path.Combine(Path.GetTempPath(), "playtrail-fake-pg-bin-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder, Executable);
        foreach (var (program, script) in new[] { ("initdb", initdbScript), ("pg_ctl", "exit 1"), ("postgres", "exit 1") })
        {
            var path = Path.Combine(folder, program);
            File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
            File.SetUnixFileMode(path, Executable);
        }

        return folder;
    }
}
