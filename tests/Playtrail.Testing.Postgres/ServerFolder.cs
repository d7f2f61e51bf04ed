namespace Playtrail.Testing;

/// <summary>
/// One cluster's temporary folder: <c>data/</c>, <c>server.log</c> and the unix socket. A fresh unique
/// name per cluster, so leftovers of a crashed run never collide with a new one.
/// </summary>
internal sealed class ServerFolder
{
    public const string NamePrefix = "playtrail-pg-";

    // A unix socket path may not exceed 107 bytes; keep the folder short, falling back to /tmp.
    private const int MaxFolderLength = 80;

    private ServerFolder(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public string DataPath => System.IO.Path.Combine(Path, "data");

    public string LogPath => System.IO.Path.Combine(Path, "server.log");

    public static async Task<ServerFolder> CreateAsync(string? owner, CancellationToken cancellationToken)
    {
        var root = System.IO.Path.GetTempPath();
        var name = NamePrefix + Guid.NewGuid().ToString("N")[..16];
        if (System.IO.Path.Combine(root, name).Length > MaxFolderLength)
        {
            root = "/tmp";
        }

        var path = System.IO.Path.Combine(root, name);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var folder = new ServerFolder(path);
        if (owner is not null)
        {
            var chown = await Command.RunAsync("chown", [owner, path], runAsUser: null, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            if (chown.ExitCode != 0)
            {
                folder.Delete();
                throw new InvalidOperationException(
                    $"Cannot start PostgreSQL for the tests: this process is root, so the server must run as OS user '{owner}', " +
                    $"but `chown {owner} {path}` failed: {chown.Output.Trim()}. Install the postgresql package (it creates that user) or run the tests as a non-root user.");
            }
        }

        return folder;
    }

    /// <summary>The first line of <c>postmaster.pid</c>, or 0 when the server is not running.</summary>
    public int ReadPostmasterProcessId()
    {
        try
        {
            var firstLine = File.ReadLines(System.IO.Path.Combine(DataPath, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(firstLine, out var processId) ? processId : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public string ReadLogTail(int lines)
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogPath).TakeLast(lines));
        }
        catch (IOException exception)
        {
            return $"(no server log at {LogPath}: {exception.Message})";
        }
        catch (UnauthorizedAccessException exception)
        {
            return $"(cannot read the server log at {LogPath}: {exception.Message})";
        }
    }

    public void Delete()
    {
        // A server that has just stopped can still be removing its socket or pid file; try a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Path))
                {
                    Directory.Delete(Path, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(100 * attempt);
            }
            catch (IOException)
            {
                return;
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
