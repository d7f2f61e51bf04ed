namespace Playtrail.Cli.Upload;

/// <summary>The parsed arguments of <c>playtrail upload</c>.</summary>
/// <param name="Store">The folder of device store files (<c>*.db</c>).</param>
/// <param name="Server">The Playtrail server.</param>
/// <param name="Timeout">Real time allowed, retries included.</param>
/// <param name="Json">Print the result as one JSON object.</param>
internal sealed record UploadOptions(string Store, Uri Server, TimeSpan Timeout, bool Json)
{
    /// <summary>Default <see cref="Timeout"/> in seconds.</summary>
    public const int DefaultTimeoutSeconds = 120;

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> says why, for the usage message.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out UploadOptions options, out string? error, out bool help)
    {
        options = null!;
        help = false;
        string? store = null;
        Uri? server = null;
        var timeout = DefaultTimeoutSeconds;
        var json = false;
        var reader = new OptionReader(args);
        while (reader.Next())
        {
            switch (reader.Name)
            {
                case "-h" or "--help": help = true; error = null; return false;
                case "--store": store = reader.Value(); break;
                case "--server": server = reader.Url(); break;
                case "--timeout": timeout = reader.Int(1, 86_400); break;
                case "--json": json = true; break;
                default: reader.Unknown(); break;
            }
        }

        if (string.IsNullOrWhiteSpace(store))
        {
            reader.Fail("--store is required.");
        }
        else if (!Directory.Exists(store))
        {
            reader.Fail($"--store: no folder '{store}'.");
        }

        if (server is null)
        {
            reader.Fail("--server is required.");
        }

        error = reader.Error;
        if (error is not null)
        {
            return false;
        }

        options = new UploadOptions(store!, server!, TimeSpan.FromSeconds(timeout), json);
        return true;
    }
}
