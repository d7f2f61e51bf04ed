using System.Text.Json;

namespace Playtrail.Core.Processing;

/// <summary>Reads the params of <c>adBreakStart</c> and <c>adStart</c>, and an <c>adStart</c>'s custom metadata.</summary>
internal static class AdReader
{
    public static AdBreakInfo ReadBreak(ReadOnlySpan<byte> json)
    {
        long podIndex = 0;
        double podSecond = 0;
        string? friendlyName = null;
        var reader = new Utf8JsonReader(json);
        if (!EventJson.Begin(ref reader))
        {
            return new AdBreakInfo(podIndex, podSecond, friendlyName);
        }

        while (EventJson.NextSection(ref reader, out var section))
        {
            if (section != EventSection.Params)
            {
                reader.Skip();
                continue;
            }

            while (EventJson.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("media.ad.podIndex"u8))
                {
                    podIndex = EventJson.Integer(ref reader) ?? 0;
                }
                else if (reader.ValueTextEquals("media.ad.podSecond"u8))
                {
                    podSecond = EventJson.Number(ref reader) ?? 0;
                }
                else if (reader.ValueTextEquals("media.ad.podFriendlyName"u8))
                {
                    friendlyName = EventJson.String(ref reader);
                }
                else
                {
                    EventJson.Skip(ref reader);
                }
            }
        }

        return new AdBreakInfo(podIndex, podSecond, friendlyName);
    }

    /// <summary>The ad's own fields (its <see cref="AdMetrics.PodFriendlyName"/> is the one the ad repeats) and its own custom metadata.</summary>
    public static (AdMetrics Ad, Utf8Metadata CustomMetadata) ReadAd(ReadOnlyMemory<byte> json)
    {
        var ad = new AdMetrics { View = true };
        var custom = Utf8Metadata.Empty;
        var reader = new Utf8JsonReader(json.Span);
        if (!EventJson.Begin(ref reader))
        {
            return (ad, custom);
        }

        while (EventJson.NextSection(ref reader, out var section))
        {
            switch (section)
            {
                case EventSection.Params:
                    ad = ReadParams(ref reader, ad);
                    break;
                case EventSection.CustomMetadata:
                    custom = Utf8Metadata.Read(ref reader, json);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return (ad, custom);
    }

    private static AdMetrics ReadParams(ref Utf8JsonReader reader, AdMetrics ad)
    {
        string id = "", playerName = "";
        string? name = null, advertiser = null, campaign = null, creative = null, site = null, url = null, placement = null, pod = null;
        double length = 0;
        long position = 0;
        while (EventJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("media.ad.id"u8))
            {
                id = EventJson.String(ref reader) ?? "";
            }
            else if (reader.ValueTextEquals("media.ad.name"u8))
            {
                name = EventJson.String(ref reader);
            }
            else if (reader.ValueTextEquals("media.ad.length"u8))
            {
                length = EventJson.Number(ref reader) ?? 0;
            }
            else if (reader.ValueTextEquals("media.ad.podPosition"u8))
            {
                position = EventJson.Integer(ref reader) ?? 0;
            }
            else if (reader.ValueTextEquals("media.ad.playerName"u8))
            {
                playerName = EventJson.String(ref reader) ?? "";
            }
            else if (reader.ValueTextEquals("media.ad.advertiser"u8))
            {
                advertiser = EventJson.String(ref reader);
            }
            else if (reader.ValueTextEquals("media.ad.campaignId"u8))
            {
                campaign = EventJson.String(ref reader);
            }
            else if (reader.ValueTextEquals("media.ad.creativeId"u8))
            {
                creative = EventJson.String(ref reader);
            }
            else if (reader.ValueTextEquals("media.ad.siteId"u8))
            {
                site = EventJson.String(ref reader);
            }
            else if (reader.ValueTextEquals("media.ad.creativeURL"u8))
            {
                url = EventJson.String(ref reader);
            }
            else if (reader.ValueTextEquals("media.ad.placementId"u8))
            {
                placement = EventJson.String(ref reader);
            }
            else if (reader.ValueTextEquals("media.ad.podFriendlyName"u8))
            {
                pod = EventJson.String(ref reader);
            }
            else
            {
                EventJson.Skip(ref reader);
            }
        }

        return ad with
        {
            Id = id,
            Name = name,
            Length = length,
            PodPosition = position,
            PlayerName = playerName,
            Advertiser = advertiser,
            CampaignId = campaign,
            CreativeId = creative,
            SiteId = site,
            CreativeUrl = url,
            PlacementId = placement,
            PodFriendlyName = pod,
        };
    }
}
