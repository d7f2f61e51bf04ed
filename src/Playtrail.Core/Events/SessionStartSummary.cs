using System.Text.Json;

namespace Playtrail.Core.Events;

/// <summary>The descriptive fields of a <c>sessionStart</c> that a session row keeps for listing and grouping.</summary>
/// <param name="MediaId">The content id (<c>media.id</c>).</param>
/// <param name="MediaName">The friendly name (<c>media.name</c>), when sent.</param>
/// <param name="ContentType">The content type (<c>media.contentType</c>).</param>
/// <param name="Length">The content length in seconds (<c>media.length</c>).</param>
/// <param name="Resume">Whether the session resumes an earlier one (<c>media.resume</c>).</param>
public sealed record SessionStartSummary(string MediaId, string? MediaName, string ContentType, double Length, bool Resume)
{
    /// <summary>Reads the summary from a validated <c>sessionStart</c> event's JSON.</summary>
    public static SessionStartSummary Read(ReadOnlySpan<byte> sessionStartJson)
    {
        var reader = new Utf8JsonReader(sessionStartJson);
        string mediaId = "", contentType = "";
        string? name = null;
        double length = 0;
        var resume = false;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("params"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString();
                reader.Read();
                switch (key)
                {
                    case "media.id":
                        mediaId = reader.GetString() ?? "";
                        break;
                    case "media.name":
                        name = reader.GetString();
                        break;
                    case "media.contentType":
                        contentType = reader.GetString() ?? "";
                        break;
                    case "media.length":
                        length = reader.GetDouble();
                        break;
                    case "media.resume":
                        resume = reader.GetBoolean();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }

        return new SessionStartSummary(mediaId, name, contentType, length, resume);
    }
}
