using System.Text.Json;

namespace Playtrail.Core.Events;

/// <summary>
/// The values in a <c>sessionStart</c> that identify the viewer: <c>visitor.marketingCloudUserId</c>,
/// <c>analytics.aid</c>, <c>analytics.visitorId</c> and the <c>id</c> of every <c>visitor.customerIDs</c> entry. A
/// request to delete a visitor's data names one of them (docs/security.md, "Deleting a visitor").
/// </summary>
public static class VisitorIdentifiers
{
    /// <summary>
    /// The distinct non-empty identifiers of a validated <c>sessionStart</c> event's JSON, as sent (no case folding or
    /// trimming), in the order they appear.
    /// </summary>
    public static IReadOnlyList<string> Read(ReadOnlySpan<byte> sessionStartJson)
    {
        var found = new List<string>(2);
        var reader = new Utf8JsonReader(sessionStartJson);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return found;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isParams = reader.ValueTextEquals("params"u8);
            reader.Read();
            if (!isParams || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("visitor.marketingCloudUserId"u8) || reader.ValueTextEquals("analytics.aid"u8)
                    || reader.ValueTextEquals("analytics.visitorId"u8))
                {
                    reader.Read();
                    AddString(ref reader, found);
                }
                else if (reader.ValueTextEquals("visitor.customerIDs"u8))
                {
                    reader.Read();
                    ReadCustomerIds(ref reader, found);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        return found;
    }

    private static void ReadCustomerIds(ref Utf8JsonReader reader, List<string> found)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        // { "<type>": { "id": "...", "authState": 1 }, ... }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId)
                {
                    AddString(ref reader, found);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    private static void AddString(ref Utf8JsonReader reader, List<string> found)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return;
        }

        var value = reader.GetString();
        if (!string.IsNullOrEmpty(value) && !found.Contains(value, StringComparer.Ordinal))
        {
            found.Add(value);
        }
    }
}
