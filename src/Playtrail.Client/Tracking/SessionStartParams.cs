using Microsoft.Extensions.Logging;

namespace Playtrail.Client.Tracking;

/// <summary>
/// Builds the <c>params</c> of <c>sessionStart</c> and cleans metadata so the server's schema accepts it: the
/// server refuses a whole session for one unknown params key or one badly named custom key.
/// </summary>
internal static class SessionStartParams
{
    // The standard metadata keys the server's sessionStart rules allow (Playtrail.Core EventRules).
    private static readonly HashSet<string> StandardKeys = new(StringComparer.Ordinal)
    {
        "media.streamFormat", "media.show", "media.season", "media.episode", "media.assetId", "media.genre",
        "media.firstAirDate", "media.firstDigitalDate", "media.rating", "media.originator", "media.network",
        "media.showType", "media.adLoad", "media.pass.mvpd", "media.pass.auth", "media.dayPart", "media.feed",
        "media.artist", "media.album", "media.label", "media.author", "media.station", "media.publisher",
    };

    public static EventParams Build(PlaytrailClientOptions options, MediaInfo media, bool resume, bool downloaded, ILogger logger)
    {
        var parameters = new EventParams()
            .Add("analytics.trackingServer", options.TrackingServer)
            .Add("analytics.reportSuite", options.ReportSuite)
            .Add("analytics.enableSSL", options.ServerUrl?.Scheme == Uri.UriSchemeHttps)
            .Add("visitor.marketingCloudOrgId", options.OrganizationId)
            .Add("appInstallationId", NullIfEmpty(options.AppInstallationId))
            .Add("media.id", media.Id)
            .Add("media.name", NullIfEmpty(media.Name))
            .Add("media.length", media.Length)
            .Add("media.contentType", media.ContentType)
            .Add("media.playerName", options.PlayerName)
            .Add("media.channel", options.Channel)
            .Add("media.streamType", NullIfEmpty(media.StreamType))
            .Add("media.sdkVersion", NullIfEmpty(options.AppVersion))
            .Add("media.libraryVersion", LibraryVersion.Value);
        if (resume)
        {
            parameters.Add("media.resume", true);
        }

        if (downloaded)
        {
            parameters.Add("media.downloaded", true);
        }

        var standard = new Dictionary<string, string>(StringComparer.Ordinal);
        Put(standard, "media.show", media.Show);
        Put(standard, "media.season", media.Season);
        Put(standard, "media.episode", media.Episode);
        Put(standard, "media.genre", media.Genre);
        Put(standard, "media.network", media.Network);
        Put(standard, "media.assetId", media.AssetId);
        Put(standard, "media.streamFormat", media.StreamFormat);
        Put(standard, "media.firstAirDate", media.FirstAirDate);
        Put(standard, "media.rating", media.Rating);
        Put(standard, "media.originator", media.Originator);
        Put(standard, "media.showType", media.ShowType);
        Put(standard, "media.artist", media.Artist);
        Put(standard, "media.album", media.Album);
        foreach (var pair in media.StandardMetadata ?? EmptyMetadata)
        {
            if (!StandardKeys.Contains(pair.Key))
            {
                Log.MetadataKeySkipped(logger, pair.Key, "not a standard metadata key; put it in custom metadata");
            }
            else if (!standard.ContainsKey(pair.Key))
            {
                Put(standard, pair.Key, pair.Value);
            }
        }

        foreach (var pair in standard)
        {
            parameters.Add(pair.Key, pair.Value);
        }

        return parameters;
    }

    /// <summary>
    /// Custom metadata with the keys the schema would refuse (not <c>[a-zA-Z0-9_.]+</c>, or longer than
    /// <paramref name="maxKeyLength"/>) left out, or null when empty. Long values are kept: the tracker shortens them
    /// when it writes the event (<see cref="StringLimit"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, string>? CleanCustomMetadata(IReadOnlyDictionary<string, string>? metadata, int maxKeyLength, ILogger logger)
    {
        if (metadata is not { Count: > 0 })
        {
            return null;
        }

        var clean = new Dictionary<string, string>(metadata.Count, StringComparer.Ordinal);
        foreach (var pair in metadata)
        {
            if (!IsValidKey(pair.Key))
            {
                Log.MetadataKeySkipped(logger, pair.Key, "custom keys may hold only letters, digits, '_' and '.'");
            }
            else if (StringLimit.IsTooLong(pair.Key, maxKeyLength))
            {
                // Shortening a key could merge it with another; a key this long is a bug in the app, so it is left out.
#if NET
                var shown = string.Concat(pair.Key.AsSpan(0, 64), "...".AsSpan());
#else
                var shown = pair.Key.Substring(0, 64) + "...";
#endif
                Log.MetadataKeySkipped(logger, shown, $"custom keys may hold at most {maxKeyLength} characters");
            }
            else if (pair.Value is null)
            {
                Log.MetadataKeySkipped(logger, pair.Key, "the value is null");
            }
            else
            {
                clean[pair.Key] = pair.Value;
            }
        }

        return clean.Count == 0 ? null : clean;
    }

    /// <summary>True for a name of the form <c>[a-zA-Z0-9_.]{1,max}</c> (custom keys and player state names).</summary>
    public static bool IsValidKey(string? key, int max = int.MaxValue)
    {
        if (string.IsNullOrEmpty(key) || key!.Length > max)
        {
            return false;
        }

        foreach (var character in key)
        {
            var ok = character is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();

    private static void Put(Dictionary<string, string> target, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            target[key] = value!;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
