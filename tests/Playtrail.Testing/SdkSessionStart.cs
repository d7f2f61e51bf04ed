namespace Playtrail.Testing;

/// <summary>
/// A <c>sessionStart</c> as Adobe's AEP Media SDKs build it
/// (docs/reference/media-collection-api.md#sdk-session-start-keys): every key they put in params, the standard
/// metadata, and the documented analytics opt-outs. Online, so without <c>media.downloaded</c>.
/// </summary>
public static class SdkSessionStart
{
    /// <summary>The event, with <paramref name="aamLocationHint"/> as raw JSON (the SDKs differ: integer or string).</summary>
    public static string Json(string aamLocationHint) => $$"""
        {
          "eventType": "sessionStart",
          "playerTime": {"playhead": 0, "ts": 1700000000000},
          "params": {
            "media.id": "episode-7",
            "media.name": "Episode 7",
            "media.length": 1800.5,
            "media.contentType": "vod",
            "media.streamType": "video",
            "media.resume": false,
            "media.channel": "sample-app",
            "media.playerName": "AVPlayer",
            "media.sdkVersion": "3.4.1",
            "media.libraryVersion": "ios-media-5.0.1",
            "analytics.trackingServer": "example.sc.omtrdc.net",
            "analytics.reportSuite": "examplersid",
            "analytics.enableSSL": true,
            "analytics.visitorId": "custom-visitor-1",
            "analytics.aid": "2F4F2D1E05011F2A-40000108E0003E3C",
            "analytics.optOutServerSideForwarding": false,
            "analytics.optOutShare": false,
            "visitor.marketingCloudOrgId": "0123456789ABCDEF@AdobeOrg",
            "visitor.marketingCloudUserId": "12345678901234567890123456789012345678",
            "visitor.aamLocationHint": {{aamLocationHint}},
            "visitor.customerIDs": {
              "userId": {"id": "user-42", "authState": 1},
              "puuid": {"id": "p-9", "authState": 0},
              "email": {"id": "hash-1"}
            },
            "appInstallationId": "0E1E5B0C-6F5B-4B8F-9C44-4A1F1A2B3C4D",
            "media.streamFormat": "HD",
            "media.show": "Sample Show",
            "media.season": "2",
            "media.episode": "7",
            "media.assetId": "10.5240/ABCD-1234",
            "media.genre": "Drama,Thriller",
            "media.firstAirDate": "2024-01-31",
            "media.firstDigitalDate": "2024-02-01",
            "media.rating": "TV-14",
            "media.originator": "Sample Studio",
            "media.network": "Sample Network",
            "media.showType": "0",
            "media.adLoad": "1",
            "media.pass.mvpd": "sample-mvpd",
            "media.pass.auth": "TRUE",
            "media.dayPart": "primetime",
            "media.feed": "West-HD",
            "media.artist": "Sample Artist",
            "media.album": "Sample Album",
            "media.label": "Sample Label",
            "media.author": "Sample Author",
            "media.station": "Sample FM",
            "media.publisher": "Sample Publisher"
          },
          "customMetadata": {"cms.section": "drama", "a_custom.key_2": "value"},
          "qoeData": {"media.qoe.timeToStart": 950, "media.qoe.bitrate": 4500, "media.qoe.framesPerSecond": 24, "media.qoe.droppedFrames": 0}
        }
        """;
}
