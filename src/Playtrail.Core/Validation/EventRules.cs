using Playtrail.Core.Events;
using Playtrail.Core.Processing;

namespace Playtrail.Core.Validation;

/// <summary>
/// The catalogue of what each event type accepts: the single source both the validator and the
/// published JSON Schemas are built from.
/// </summary>
public static class EventRules
{
    private static ParamRule Text(string key, string description, bool required = false) =>
        new(key, ParamType.String, required, description) { MinLength = required ? 1 : 0 };

    private static ParamRule Flag(string key, string description) => new(key, ParamType.Boolean, false, description);

    /// <summary>Where an error came from, in <c>media.qoe.errorSource</c> and <c>media.errorSource</c> alike.</summary>
    private static readonly string[] ErrorSources = ["player", "external"];

    /// <summary>The QoE keys, accepted in <c>qoeData</c> on every event and in <c>params</c> where params are allowed.</summary>
    public static IReadOnlyList<ParamRule> Qoe { get; } =
    [
        new("media.qoe.bitrate", ParamType.Number, false, "Current bitrate, as the player reports it.") { Minimum = 0 },
        new("media.qoe.droppedFrames", ParamType.Number, false, "Dropped frames so far (the latest value is reported).") { Minimum = 0 },
        new("media.qoe.framesPerSecond", ParamType.Number, false, "Current frames per second.") { Minimum = 0 },
        new("media.qoe.timeToStart", ParamType.Number, false, "Milliseconds from play intent to the first frame.") { Minimum = 0 },
        Text("media.qoe.errorID", "Error identifier (error events)."),
        new("media.qoe.errorSource", ParamType.String, false, "Where the error came from.") { AllowedValues = ErrorSources },
    ];

    private static readonly ParamRule[] SessionStartParams =
    [
        Text("analytics.trackingServer", "Analytics tracking server that receives the start and close calls.", required: true),
        Text("analytics.reportSuite", "Analytics report suite id.", required: true),
        Flag("analytics.enableSSL", "Send analytics calls over HTTPS."),
        Text("analytics.visitorId", "Custom analytics visitor id."),
        Text("analytics.aid", "Legacy analytics visitor id."),
        Flag("analytics.optOutServerSideForwarding", "Opt out of server-side forwarding."),
        Flag("analytics.optOutShare", "Opt out of data sharing."),
        Text("visitor.marketingCloudOrgId", "The organisation id, e.g. 0123456789@AdobeOrg.", required: true),
        Text("visitor.marketingCloudUserId", "The viewer's experience cloud id."),
        new("visitor.aamLocationHint", ParamType.IntegerOrString, false, "Audience Manager edge region."),
        new("visitor.customerIDs", ParamType.CustomerIds, false, "Declared ids: { type: { id, authState } }."),
        Text("appInstallationId", "Unique per app and device."),
        Text("media.id", "Stable unique content id.", required: true),
        Text("media.name", "Human-friendly content name."),
        new("media.length", ParamType.Number, true, "Content length in seconds (86400 for live of unknown length).") { Minimum = 0 },
        Text("media.contentType", "Content type: vod, live, linear, ugc, dvod, song, podcast, audiobook, radio, or any string.", required: true),
        Text("media.playerName", "Player name.", required: true),
        Text("media.channel", "Distribution channel, app or site.", required: true),
        Text("media.streamType", "audio or video."),
        Flag("media.resume", "This session resumes an earlier one."),
        Flag("media.downloaded", "Downloaded (offline) session; only in a downloaded array."),
        Text("media.sdkVersion", "Player or app version."),
        Text("media.libraryVersion", "Tracking library version."),
        .. StandardMetadata.Keys.Select(key => Text(key.Param, "Standard content metadata.")),
    ];

    private static readonly EventRule[] Rules = Build();

    /// <summary>The rules of <paramref name="type"/>.</summary>
    public static EventRule For(EventType type) => Rules[(int)type];

    /// <summary>The rules of every event type, in <see cref="EventType"/> order.</summary>
    public static IReadOnlyList<EventRule> All => Rules;

    private static EventRule[] Build()
    {
        ParamRule[] none = [];
        var rules = new EventRule[EventTypeNames.All.Count];
        void Add(EventType type, ParamRule[] parameters, string description, bool custom = false, bool allowed = true) =>
            rules[(int)type] = new EventRule(type, parameters, allowed, custom, description);

        Add(EventType.SessionStart, SessionStartParams, "Opens a session with its content, analytics and viewer data.", custom: true);
        Add(EventType.SessionEnd, none, "Closes the session immediately, without completion.");
        Add(EventType.SessionComplete, none, "The end of main content was reached; closes the session as complete.");
        Add(EventType.Play, none, "The player moved to the playing state.");
        Add(EventType.Ping, none, "Heartbeat: every 10 s in main content, every 1 s in ads. Must not carry params.", allowed: false);
        Add(EventType.PauseStart, none, "The viewer paused; the next play ends the pause.");
        Add(EventType.BufferStart, none, "Buffering began; the next play ends it.");
        Add(EventType.BitrateChange, none, "The bitrate changed; the new value goes in qoeData.");
        Add(EventType.Error,
            [
                Text("media.errorId", "Error identifier."),
                new("media.errorSource", ParamType.String, false, "Where the error came from.") { AllowedValues = ErrorSources },
            ],
            "A playback error; it does not close the session.");
        Add(EventType.AdBreakStart,
            [
                new("media.ad.podIndex", ParamType.Integer, true, "Index of the pod in the content."),
                new("media.ad.podSecond", ParamType.Number, true, "Offset of the break in content seconds.") { Minimum = 0 },
                Text("media.ad.podFriendlyName", "Pod name, e.g. pre-roll."),
            ],
            "Opens an ad break.");
        Add(EventType.AdBreakComplete, none, "Closes the ad break.");
        Add(EventType.AdStart,
            [
                Text("media.ad.id", "Ad id.", required: true),
                new("media.ad.length", ParamType.Number, true, "Ad length in seconds (-1 when unknown)."),
                new("media.ad.podPosition", ParamType.Integer, true, "Position of the ad in its break."),
                Text("media.ad.playerName", "Ad player name.", required: true),
                Text("media.ad.name", "Friendly ad name."),
                Text("media.ad.advertiser", "Advertiser."),
                Text("media.ad.campaignId", "Campaign id."),
                Text("media.ad.creativeId", "Creative id."),
                Text("media.ad.siteId", "Site id."),
                Text("media.ad.creativeURL", "Creative URL."),
                Text("media.ad.placementId", "Placement id."),
                Text("media.ad.podFriendlyName", "Pod name, repeated on the ad."),
            ],
            "One ad begins inside an ad break.",
            custom: true);
        Add(EventType.AdComplete, none, "The ad played to its end.");
        Add(EventType.AdSkip, none, "The ad was skipped.");
        Add(EventType.ChapterStart,
            [
                new("media.chapter.index", ParamType.Integer, true, "Chapter position."),
                new("media.chapter.offset", ParamType.Number, true, "Chapter start in content seconds.") { Minimum = 0 },
                new("media.chapter.length", ParamType.Number, true, "Chapter length in seconds.") { Minimum = 0 },
                Text("media.chapter.friendlyName", "Chapter name."),
            ],
            "A chapter begins.",
            custom: true);
        Add(EventType.ChapterComplete, none, "The chapter reached its end.");
        Add(EventType.ChapterSkip, none, "The chapter was skipped.");
        Add(EventType.StateStart, [StateName()], "A player state started.");
        Add(EventType.StateEnd, [StateName()], "A player state ended.");
        rules[(int)EventType.StatesUpdate] = new EventRule(
            EventType.StatesUpdate,
            [
                new("statesStart", ParamType.StateList, false, "States that started."),
                new("statesEnd", ParamType.StateList, false, "States that ended."),
            ],
            ParamsAllowed: true,
            CustomMetadataAllowed: false,
            "Ends a list of states and starts another.")
        { AnyOf = ["statesStart", "statesEnd"] };
        return rules;
    }

    private static ParamRule StateName() =>
        new("media.state.name", ParamType.String, true, "State name: letters, digits, '_' or '.', 1 to 64 characters.") { IsStateName = true, MinLength = 1 };
}
