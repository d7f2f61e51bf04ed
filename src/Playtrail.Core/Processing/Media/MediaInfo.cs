namespace Playtrail.Core.Processing;

/// <summary>The content a session played, from its <c>sessionStart</c> params and custom metadata.</summary>
public sealed record MediaInfo
{
    /// <summary>An empty description, for a session whose <c>sessionStart</c> is missing or unreadable.</summary>
    public static MediaInfo Empty { get; } = new();

    /// <summary><c>media.id</c>, the content id (analytics <c>a.media.name</c>).</summary>
    public string Id { get; init; } = "";

    /// <summary><c>media.name</c>, the friendly name (<c>a.media.friendlyName</c>).</summary>
    public string? Name { get; init; }

    /// <summary><c>media.length</c> in seconds (<c>a.media.length</c>).</summary>
    public double Length { get; init; }

    /// <summary><c>media.contentType</c> (<c>a.contentType</c>).</summary>
    public string ContentType { get; init; } = "";

    /// <summary><c>media.streamType</c> (<c>a.media.streamType</c>).</summary>
    public string? StreamType { get; init; }

    /// <summary><c>media.resume</c>: the session resumes an earlier one (<c>a.media.resume</c>).</summary>
    public bool Resume { get; init; }

    /// <summary>True for a downloaded session (<c>a.media.downloaded</c>).</summary>
    public bool Downloaded { get; init; }

    /// <summary><c>media.playerName</c> (<c>a.media.playerName</c>).</summary>
    public string PlayerName { get; init; } = "";

    /// <summary><c>media.channel</c> (<c>a.media.channel</c>).</summary>
    public string Channel { get; init; } = "";

    /// <summary><c>media.sdkVersion</c> (<c>a.media.sdkVersion</c>).</summary>
    public string? SdkVersion { get; init; }

    /// <summary><c>media.libraryVersion</c> (<c>a.media.vhlVersion</c>).</summary>
    public string? LibraryVersion { get; init; }

    /// <summary>
    /// The standard metadata sent (docs/reference/media-collection-api.md#standard-metadata), keyed by the param name
    /// without <c>media.</c> (<c>show</c>, <c>season</c>, <c>pass.mvpd</c>, ...), in the order received.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    /// <summary>The session's <c>customMetadata</c>, in the order received.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CustomMetadata { get; init; } = [];
}
