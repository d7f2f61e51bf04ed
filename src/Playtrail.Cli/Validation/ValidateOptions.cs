using Playtrail.Core.Validation;

namespace Playtrail.Cli.Validation;

/// <summary>The parsed arguments of <c>playtrail validate</c>.</summary>
/// <param name="Route">The route every file is checked as, or null to choose per file from its shape.</param>
/// <param name="Json">Print the problem documents instead of one line per failure.</param>
/// <param name="Files">The files, in order; <c>-</c> is standard input.</param>
internal sealed record ValidateOptions(IngestionRoute? Route, bool Json, IReadOnlyList<string> Files)
{
    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> says why, for the usage message.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out ValidateOptions options, out string? error, out bool help)
    {
        options = new ValidateOptions(null, false, []);
        error = null;
        help = false;
        IngestionRoute? route = null;
        var json = false;
        var files = new List<string>();
        var onlyFiles = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyFiles || arg == InputFiles.StandardInput || !arg.StartsWith('-'))
            {
                files.Add(arg);
            }
            else if (arg == "--")
            {
                onlyFiles = true;
            }
            else if (arg is "-h" or "--help")
            {
                help = true;
                return false;
            }
            else if (arg == "--json")
            {
                json = true;
            }
            else if (arg == "--route" || arg.StartsWith("--route=", StringComparison.Ordinal))
            {
                var value = arg == "--route" ? (++i < args.Count ? args[i] : null) : arg["--route=".Length..];
                route = value switch
                {
                    "sessions" => IngestionRoute.Sessions,
                    "downloaded" => IngestionRoute.Downloaded,
                    "events" => IngestionRoute.Events,
                    _ => null,
                };
                if (route is null)
                {
                    error = $"--route takes sessions, downloaded or events; got '{value}'.";
                    return false;
                }
            }
            else
            {
                error = $"unknown option '{arg}'.";
                return false;
            }
        }

        if (files.Count == 0)
        {
            error = "no FILE given.";
            return false;
        }

        options = new ValidateOptions(route, json, files);
        return true;
    }
}
