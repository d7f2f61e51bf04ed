using Playtrail.Core.Edge;

namespace Playtrail.Server.Edge;

/// <summary>The Media Edge API dialect: where it is served and which datastreams it knows (configuration section <c>Edge</c>).</summary>
public sealed class EdgeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Edge";

    /// <summary>The default base path, as Adobe's clients use it (<c>https://host/ee/...</c>).</summary>
    public const string DefaultBasePath = "ee";

    /// <summary>The default location hint this server hands out.</summary>
    public const string DefaultLocationHint = "pt1";

    /// <summary>The first path segment(s) of every Edge route; the clients' <c>edgeBasePath</c>.</summary>
    public string BasePath { get; set; } = DefaultBasePath;

    /// <summary>
    /// The location hint answered to a new session (and stored by the client as its cluster cookie). Clients put it
    /// into later paths (<c>/ee/pt1/va/v1/play</c>); any hint is accepted there.
    /// </summary>
    public string LocationHint { get; set; } = DefaultLocationHint;

    /// <summary>
    /// Page origins (<c>https://player.example.com</c>) whose browsers may call the Edge routes. The Web SDK sends
    /// credentials, so each allowed origin is echoed back; a wildcard cannot be used.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>The datastreams by <c>configId</c>: the report suite, tracking server and organisation of their sessions.</summary>
    public IDictionary<string, EdgeDatastreamOptions> Datastreams { get; } = new Dictionary<string, EdgeDatastreamOptions>(StringComparer.Ordinal);

    /// <summary>The base path without surrounding slashes.</summary>
    public string TrimmedBasePath => BasePath.Trim().Trim('/');

    /// <summary>The datastream of <paramref name="configId"/>, or null when it is not configured.</summary>
    public EdgeDatastream? Datastream(string? configId) =>
        configId is not null && Datastreams.TryGetValue(configId, out var found) ? new EdgeDatastream(found.ReportSuite, found.TrackingServer, found.OrgId) : null;

    /// <summary>The configured problems, empty when the options are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var basePath = TrimmedBasePath;
        if (basePath.Length == 0 || basePath.Split('/').Any(segment => segment.Length == 0 || !segment.All(IsPathChar)))
        {
            problems.Add($"Edge:BasePath '{BasePath}' must be one or more path segments of letters, digits, '-', '_', '.' or '~' (default '{DefaultBasePath}').");
        }

        if (LocationHint.Length == 0 || !LocationHint.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add($"Edge:LocationHint '{LocationHint}' must be letters and digits (default '{DefaultLocationHint}').");
        }

        foreach (var origin in AllowedOrigins)
        {
            if (origin.Trim() == "*")
            {
                problems.Add("Edge:AllowedOrigins cannot hold '*': browsers refuse a wildcard on credentialed requests; list each page origin.");
            }
            else if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/'))
            {
                problems.Add($"Edge:AllowedOrigins '{origin}' is not an origin such as https://player.example.com (scheme, host and port only).");
            }
        }

        foreach (var (configId, datastream) in Datastreams)
        {
            if (string.IsNullOrWhiteSpace(datastream.ReportSuite) || string.IsNullOrWhiteSpace(datastream.TrackingServer) || string.IsNullOrWhiteSpace(datastream.OrgId))
            {
                problems.Add($"Edge:Datastreams:{configId} needs ReportSuite, TrackingServer and OrgId.");
            }
        }

        return problems;
    }

    private static bool IsPathChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~';
}
