namespace Playtrail.Testing.Processes;

/// <summary>The clone the tests run from: the folder holding <c>Playtrail.slnx</c>, found upward from the test binaries.</summary>
public static class RepositoryFolder
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Path => Root.Value;

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "Playtrail.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Playtrail.slnx not found above " + AppContext.BaseDirectory);
    }
}
