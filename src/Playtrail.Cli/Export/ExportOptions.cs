using System.Globalization;
using System.Text;

namespace Playtrail.Cli.Export;

/// <summary>The parsed arguments of <c>playtrail export</c>.</summary>
/// <param name="Kind"><c>sessions</c> or <c>calls</c>.</param>
/// <param name="Server">The Playtrail server.</param>
/// <param name="Output">The file to write.</param>
/// <param name="Format"><c>ndjson</c>, <c>csv</c> or <c>parquet</c>.</param>
/// <param name="From">First day (yyyy-MM-dd in the server's report zone); the server's default when null.</param>
/// <param name="To">Last day; the server's default when null.</param>
/// <param name="ContentType">Only this content type.</param>
/// <param name="Downloaded">Only downloaded (true) or online (false) sessions.</param>
/// <param name="MediaId">Only this content.</param>
/// <param name="ApiKey">Sent as <c>Authorization: Bearer</c>, when the server needs a key.</param>
/// <param name="Json">Print the result as one JSON object.</param>
internal sealed record ExportOptions(
    string Kind, Uri Server, string Output, string Format, string? From, string? To, string? ContentType, bool? Downloaded, string? MediaId, string? ApiKey,
    bool Json)
{
    /// <summary>The environment variable an API key is read from when <c>--api-key</c> is not given.</summary>
    public const string ApiKeyVariable = "PLAYTRAIL_API_KEY";

    public static IReadOnlyList<string> Kinds { get; } = ["sessions", "calls"];

    public static IReadOnlyList<string> Formats { get; } = ["ndjson", "csv", "parquet"];

    /// <summary>The export route with its query string.</summary>
    public Uri Url()
    {
        var query = new StringBuilder("format=").Append(Format);
        Add(query, "from", From);
        Add(query, "to", To);
        Add(query, "contentType", ContentType);
        Add(query, "downloaded", Downloaded is { } downloaded ? (downloaded ? "true" : "false") : null);
        Add(query, "mediaId", MediaId);
        return new Uri(Server, $"/api/v1/exports/{Kind}?{query}");
    }

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> says why, for the usage message.</summary>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="environmentApiKey">The value of <see cref="ApiKeyVariable"/>, used when <c>--api-key</c> is absent.</param>
    /// <param name="options">The options, when valid.</param>
    /// <param name="error">Why not, otherwise.</param>
    /// <param name="help">True when help was asked for.</param>
    public static bool TryParse(IReadOnlyList<string> args, string? environmentApiKey, out ExportOptions options, out string? error, out bool help)
    {
        options = null!;
        help = false;
        string? kind = null, output = null, from = null, to = null, contentType = null, mediaId = null, apiKey = null;
        Uri? server = null;
        var format = "ndjson";
        bool? downloaded = null;
        var json = false;
        var reader = new OptionReader(args);
        while (reader.Next())
        {
            switch (reader.Name)
            {
                case "-h" or "--help": help = true; error = null; return false;
                case "--server": server = reader.Url(); break;
                case "--output" or "-o": output = reader.Value(); break;
                case "--format": format = Choice(reader, Formats) ?? format; break;
                case "--from": from = Day(reader); break;
                case "--to": to = Day(reader); break;
                case "--content-type": contentType = reader.Value(); break;
                case "--downloaded": downloaded = Choice(reader, ["true", "false"]) is { } flag ? flag == "true" : null; break;
                case "--media-id": mediaId = reader.Value(); break;
                case "--api-key": apiKey = reader.Value(); break;
                case "--json": json = true; break;
                case var word when !word.StartsWith('-') && kind is null:
                    kind = Kinds.Contains(word) ? word : Fail(reader, $"the export is sessions or calls; got '{word}'.");
                    break;
                default: reader.Unknown(); break;
            }
        }

        if (kind is null)
        {
            reader.Fail("say what to export: sessions or calls.");
        }

        if (server is null)
        {
            reader.Fail("--server is required.");
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            reader.Fail("--output is required.");
        }

        error = reader.Error;
        if (error is not null)
        {
            return false;
        }

        apiKey ??= string.IsNullOrWhiteSpace(environmentApiKey) ? null : environmentApiKey.Trim();
        options = new ExportOptions(kind!, server!, output!, format, from, to, contentType, downloaded, mediaId, apiKey, json);
        return true;
    }

    private static string? Choice(OptionReader reader, IReadOnlyList<string> allowed)
    {
        var text = reader.Value();
        if (text is null || allowed.Contains(text))
        {
            return text;
        }

        return Fail(reader, $"{reader.Name} takes one of {string.Join(", ", allowed)}; got '{text}'.");
    }

    private static string? Day(OptionReader reader)
    {
        var text = reader.Value();
        if (text is null || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return text;
        }

        return Fail(reader, $"{reader.Name} takes a day written yyyy-MM-dd; got '{text}'.");
    }

    private static string? Fail(OptionReader reader, string error)
    {
        reader.Fail(error);
        return null;
    }

    private static void Add(StringBuilder query, string name, string? value)
    {
        if (value is not null)
        {
            query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }
}
