using System.Text.Json;
using Playtrail.Core.Processing;

namespace Playtrail.Server.Exports;

/// <summary>
/// Splits a session's stored calls JSON (<c>[{ "type", "ts", "contextData": { … } }]</c>, as the calls route serves it)
/// into <see cref="CallRow"/>s. The context data is sliced out of the stored bytes, not re-serialised; keys are looked
/// up by name, never by position, since a store may hand the JSON back with its keys reordered.
/// </summary>
internal static class CallRowReader
{
    /// <summary>Clears <paramref name="rows"/> and fills it with the calls of <paramref name="session"/>.</summary>
    public static void Read(SessionRow session, ReadOnlyMemory<byte> json, List<CallRow> rows)
    {
        rows.Clear();
        var reader = new Utf8JsonReader(json.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("The stored calls are not a JSON array.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            rows.Add(ReadCall(session, rows.Count, json, ref reader));
        }
    }

    private static CallRow ReadCall(SessionRow session, int index, ReadOnlyMemory<byte> json, ref Utf8JsonReader reader)
    {
        var type = "";
        long? ts = null;
        var context = ReadOnlyMemory<byte>.Empty;
        var promoted = new Promoted();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = TypeName(ref reader);
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                reader.Read();
                ts = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt64();
            }
            else if (reader.ValueTextEquals("contextData"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                ReadContext(ref reader, ref promoted);
                context = json[start..(int)reader.BytesConsumed];
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return type switch
        {
            AnalyticsCallTypes.Close => new(session, index, type, ts, context, null, promoted.TimePlayed, promoted.Complete),
            AnalyticsCallTypes.AdClose => new(session, index, type, ts, context, promoted.AdId, promoted.AdTimePlayed, promoted.AdComplete),
            AnalyticsCallTypes.AdStart => new(session, index, type, ts, context, promoted.AdId, null, null),
            AnalyticsCallTypes.ChapterClose => new(session, index, type, ts, context, promoted.ChapterId, promoted.ChapterTimePlayed, promoted.ChapterComplete),
            _ => new(session, index, type, ts, context, null, null, null),
        };
    }

    /// <summary>Reads the context data object, keeping the values promoted to columns.</summary>
    private static void ReadContext(ref Utf8JsonReader reader, ref Promoted promoted)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A stored call's contextData is not a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("a.media.ad.name"u8))
            {
                reader.Read();
                promoted.AdId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("a.media.chapter.name"u8))
            {
                reader.Read();
                promoted.ChapterId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("a.media.timePlayed"u8))
            {
                promoted.TimePlayed = Number(ref reader);
            }
            else if (reader.ValueTextEquals("a.media.ad.timePlayed"u8))
            {
                promoted.AdTimePlayed = Number(ref reader);
            }
            else if (reader.ValueTextEquals("a.media.chapter.timePlayed"u8))
            {
                promoted.ChapterTimePlayed = Number(ref reader);
            }
            else if (reader.ValueTextEquals("a.media.complete"u8))
            {
                promoted.Complete = Flag(ref reader);
            }
            else if (reader.ValueTextEquals("a.media.ad.complete"u8))
            {
                promoted.AdComplete = Flag(ref reader);
            }
            else if (reader.ValueTextEquals("a.media.chapter.complete"u8))
            {
                promoted.ChapterComplete = Flag(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static double? Number(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null;
    }

    /// <summary>Completion flags are only written when true; absent means false.</summary>
    private static bool Flag(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.True;
    }

    /// <summary>The call type, without allocating for the five known ones.</summary>
    private static string TypeName(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? ""
        : reader.ValueTextEquals("start"u8) ? AnalyticsCallTypes.Start
        : reader.ValueTextEquals("close"u8) ? AnalyticsCallTypes.Close
        : reader.ValueTextEquals("adStart"u8) ? AnalyticsCallTypes.AdStart
        : reader.ValueTextEquals("adClose"u8) ? AnalyticsCallTypes.AdClose
        : reader.ValueTextEquals("chapterClose"u8) ? AnalyticsCallTypes.ChapterClose
        : reader.GetString() ?? "";

    private struct Promoted
    {
        public string? AdId;
        public string? ChapterId;
        public double? TimePlayed;
        public double? AdTimePlayed;
        public double? ChapterTimePlayed;
        public bool Complete;
        public bool AdComplete;
        public bool ChapterComplete;
    }
}
