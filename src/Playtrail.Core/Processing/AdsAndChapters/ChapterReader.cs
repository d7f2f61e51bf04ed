using System.Text.Json;

namespace Playtrail.Core.Processing;

/// <summary>Reads a <c>chapterStart</c>'s params and its own custom metadata.</summary>
internal static class ChapterReader
{
    public static (ChapterMetrics Chapter, Utf8Metadata CustomMetadata) Read(ReadOnlyMemory<byte> json)
    {
        long index = 0;
        double offset = 0, length = 0;
        string? friendlyName = null;
        var custom = Utf8Metadata.Empty;
        var reader = new Utf8JsonReader(json.Span);
        if (EventJson.Begin(ref reader))
        {
            while (EventJson.NextSection(ref reader, out var section))
            {
                if (section == EventSection.CustomMetadata)
                {
                    custom = Utf8Metadata.Read(ref reader, json);
                    continue;
                }

                if (section != EventSection.Params)
                {
                    reader.Skip();
                    continue;
                }

                while (EventJson.NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("media.chapter.index"u8))
                    {
                        index = EventJson.Integer(ref reader) ?? 0;
                    }
                    else if (reader.ValueTextEquals("media.chapter.offset"u8))
                    {
                        offset = EventJson.Number(ref reader) ?? 0;
                    }
                    else if (reader.ValueTextEquals("media.chapter.length"u8))
                    {
                        length = EventJson.Number(ref reader) ?? 0;
                    }
                    else if (reader.ValueTextEquals("media.chapter.friendlyName"u8))
                    {
                        friendlyName = EventJson.String(ref reader);
                    }
                    else
                    {
                        EventJson.Skip(ref reader);
                    }
                }
            }
        }

        var chapter = new ChapterMetrics { Index = index, Offset = offset, Length = length, FriendlyName = friendlyName, View = true };
        return (chapter, custom);
    }
}
