using System.Text.Json;

namespace Playtrail.Core.Processing;

/// <summary>Reads the content description of a <c>sessionStart</c>: its params and its custom metadata.</summary>
internal static class MediaReader
{
    public static MediaInfo Read(ReadOnlyMemory<byte> json, bool downloaded)
    {
        var media = new MediaInfo { Downloaded = downloaded };
        var reader = new Utf8JsonReader(json.Span);
        if (!EventJson.Begin(ref reader))
        {
            return media;
        }

        while (EventJson.NextSection(ref reader, out var section))
        {
            switch (section)
            {
                case EventSection.Params:
                    media = ReadParams(ref reader, media);
                    break;
                case EventSection.CustomMetadata:
                    media = media with { CustomMetadata = Utf8Metadata.Read(ref reader, json) };
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return media;
    }

    private static MediaInfo ReadParams(ref Utf8JsonReader reader, MediaInfo media)
    {
        string id = "", contentType = "", playerName = "", channel = "";
        string? name = null, streamType = null, sdkVersion = null, libraryVersion = null;
        double length = 0;
        var resume = false;
        var metadata = new List<KeyValuePair<string, string>>();
        while (EventJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("media.id"u8))
            {
                id = EventJson.String(ref reader) ?? "";
            }
            else if (reader.ValueTextEquals("media.name"u8))
            {
                name = EventJson.String(ref reader);
            }
            else if (reader.ValueTextEquals("media.length"u8))
            {
                length = EventJson.Number(ref reader) ?? 0;
            }
            else if (reader.ValueTextEquals("media.contentType"u8))
            {
                contentType = EventJson.String(ref reader) ?? "";
            }
            else if (reader.ValueTextEquals("media.streamType"u8))
            {
                streamType = EventJson.String(ref reader);
            }
            else if (reader.ValueTextEquals("media.resume"u8))
            {
                resume = EventJson.Boolean(ref reader) ?? false;
            }
            else if (reader.ValueTextEquals("media.playerName"u8))
            {
                playerName = EventJson.String(ref reader) ?? "";
            }
            else if (reader.ValueTextEquals("media.channel"u8))
            {
                channel = EventJson.String(ref reader) ?? "";
            }
            else if (reader.ValueTextEquals("media.sdkVersion"u8))
            {
                sdkVersion = EventJson.String(ref reader);
            }
            else if (reader.ValueTextEquals("media.libraryVersion"u8))
            {
                libraryVersion = EventJson.String(ref reader);
            }
            else if (FindStandard(ref reader) is { } standard)
            {
                if (EventJson.String(ref reader) is { } value)
                {
                    metadata.Add(new(standard.Name, value));
                }
            }
            else
            {
                EventJson.Skip(ref reader);
            }
        }

        return media with
        {
            Id = id,
            Name = name,
            Length = length,
            ContentType = contentType,
            StreamType = streamType,
            Resume = resume,
            PlayerName = playerName,
            Channel = channel,
            SdkVersion = sdkVersion,
            LibraryVersion = libraryVersion,
            Metadata = metadata,
        };
    }

    private static StandardMetadata.Key? FindStandard(ref Utf8JsonReader reader)
    {
        foreach (var key in StandardMetadata.Keys)
        {
            if (reader.ValueTextEquals(key.Utf8Param))
            {
                return key;
            }
        }

        return null;
    }
}
