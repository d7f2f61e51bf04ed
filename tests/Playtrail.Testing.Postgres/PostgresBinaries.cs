namespace Playtrail.Testing;

/// <summary>Finds the folder holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c> on this machine.</summary>
internal static class PostgresBinaries
{
    public const string BinFolderVariable = "PLAYTRAIL_PG_BIN";

    public const string HowToFix =
        "Install the PostgreSQL server (Debian/Ubuntu: `apt-get install postgresql`; .ci/run does this), " +
        $"or set {BinFolderVariable} to the folder that holds initdb, pg_ctl and postgres.";

    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];

    /// <summary>The folder to use, or an exception that says where it looked and how to fix it.</summary>
    public static Task<string> FindAsync(CancellationToken cancellationToken) =>
        FindAsync(Environment.GetEnvironmentVariable(BinFolderVariable), cancellationToken);

    /// <summary>As <see cref="FindAsync(CancellationToken)"/>, with the variable's value passed in.</summary>
    public static async Task<string> FindAsync(string? configured, CancellationToken cancellationToken)
    {
        var looked = new List<string>();

        if (!string.IsNullOrWhiteSpace(configured))
        {
            // An explicit choice is never second-guessed: a wrong one fails instead of falling back.
            if (HasServerPrograms(configured))
            {
                return configured;
            }

            throw new InvalidOperationException(
                $"Cannot start PostgreSQL for the tests: {BinFolderVariable}={configured} does not hold " +
                $"{string.Join(", ", RequiredPrograms)}. Point it at a PostgreSQL bin folder (e.g. /usr/lib/postgresql/15/bin) or unset it.");
        }

        var fromPgConfig = await PgConfigBinFolderAsync(cancellationToken).ConfigureAwait(false);
        if (fromPgConfig is not null)
        {
            if (HasServerPrograms(fromPgConfig))
            {
                return fromPgConfig;
            }

            // pg_config also comes with libpq-dev, without any server.
            looked.Add($"pg_config --bindir ({fromPgConfig})");
        }
        else
        {
            looked.Add("pg_config --bindir (no pg_config on PATH)");
        }

        var debianFolder = HighestDebianBinFolder();
        if (debianFolder is not null)
        {
            return debianFolder;
        }

        looked.Add("/usr/lib/postgresql/*/bin");

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasServerPrograms(folder))
            {
                return folder;
            }
        }

        looked.Add("PATH");
        throw new InvalidOperationException(
            $"Cannot start PostgreSQL for the tests: no PostgreSQL server binaries found (looked at {string.Join("; ", looked)}). {HowToFix}");
    }

    private static bool HasServerPrograms(string folder) =>
        RequiredPrograms.All(program => File.Exists(Path.Combine(folder, program)));

    private static string? HighestDebianBinFolder()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(version => (Folder: Path.Combine(version, "bin"), Major: int.TryParse(Path.GetFileName(version), out var major) ? major : -1))
            .Where(candidate => candidate.Major >= 0 && HasServerPrograms(candidate.Folder))
            .OrderByDescending(candidate => candidate.Major)
            .Select(candidate => candidate.Folder)
            .FirstOrDefault();
    }

    private static async Task<string?> PgConfigBinFolderAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await Command.RunAsync("pg_config", ["--bindir"], runAsUser: null, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            var folder = result.Output.Trim();
            return result.ExitCode == 0 && folder.Length > 0 ? folder : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No pg_config on PATH.
            return null;
        }
    }
}
