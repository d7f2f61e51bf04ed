using System.Globalization;
using System.Text;

namespace Playtrail.Server.Tests.MultiNode;

/// <summary>An online session: its sessionStart goes to <see cref="StartNode"/>, then event i to node (StartNode + 1 + i) % 2.</summary>
internal sealed record OnlineScript(int StartNode, string SessionStart, IReadOnlyList<string> Events, bool LeftOpen)
{
    public int NodeOfEvent(int index) => (StartNode + 1 + index) % 2;
}

/// <summary>How a downloaded upload is (re)sent.</summary>
internal enum UploadDelivery
{
    /// <summary>Once, to its node.</summary>
    Once,

    /// <summary>To its node, then again with the same key and body to the other node.</summary>
    RetriedOnOtherNode,

    /// <summary>To both nodes at the same moment.</summary>
    BothNodesAtOnce,
}

/// <summary>A downloaded session's array, sent with <see cref="Key"/> as its <c>Idempotency-Key</c>.</summary>
internal sealed record UploadScript(int Node, string Key, string Body, UploadDelivery Delivery);

/// <summary>
/// Seeded traffic for two nodes, as data, so the same requests can be replayed on one node: every timestamp lies in
/// <see cref="FirstDay"/> .. <see cref="LastDay"/>, so the days of the summary do not depend on when the test runs.
/// </summary>
internal sealed record Traffic(IReadOnlyList<OnlineScript> Online, IReadOnlyList<UploadScript> Uploads)
{
    public const int OnlineSessions = 200;
    public const int LeftOpenSessions = 20;
    public const int DownloadedSessions = 200;
    public const int RetriedUploads = 50;
    public const int ConcurrentUploads = 20;
    public const int Days = 7;

    public static readonly DateOnly FirstDay = new(2026, 3, 1);
    public static readonly DateOnly LastDay = FirstDay.AddDays(Days - 1);

    private static readonly long FirstDayMilliseconds =
        new DateTimeOffset(FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static readonly string[] ContentTypes = ["vod", "live", "linear"];

    public static Traffic Generate(int seed)
    {
        var random = new Random(seed);
        // Every 10th session (offset 7) gets no closing event: 20 of 200 for the sweepers.
        var online = Enumerable.Range(0, OnlineSessions).Select(i => OnlineSession(random, i, leftOpen: i % 10 == 7)).ToList();
        var uploads = Enumerable.Range(0, DownloadedSessions).Select(i => DownloadedUpload(random, i)).ToList();
        return new Traffic(online, uploads);
    }

    private static OnlineScript OnlineSession(Random random, int index, bool leftOpen)
    {
        var start = StartTime(random);
        var ts = start;
        var playhead = 0.0;
        var events = new List<string>();
        if (random.NextDouble() < 0.3)
        {
            events.Add(AdBreakStart(ts += 100));
            events.Add(AdStart(ts += 100, random.Next(5, 30)));
            events.Add(Samples.Event("ping", 0, ts += 1_000));
            events.Add(Samples.Event("adComplete", 0, ts += random.Next(5_000, 15_000)));
            events.Add(Samples.Event("adBreakComplete", 0, ts += 1));
        }

        events.Add(Samples.Event("play", playhead, ts += 1_000));
        for (var ping = random.Next(1, 5); ping > 0; ping--)
        {
            events.Add(Samples.Event("ping", playhead += 10, ts += 10_000));
        }

        events.Add(Samples.Event("pauseStart", playhead, ts += random.Next(100, 5_000)));
        events.Add(Samples.Event("play", playhead, ts += random.Next(1_000, 20_000)));
        if (random.NextDouble() < 0.15)
        {
            events.Add(Error(playhead, ts += 500));
        }

        var seconds = random.Next(1, 10);
        events.Add(Samples.Event("ping", playhead += seconds, ts += seconds * 1_000));
        if (!leftOpen)
        {
            seconds = random.Next(1, 10);
            events.Add(Samples.Event(random.Next(2) == 0 ? "sessionComplete" : "sessionEnd", playhead += seconds, ts += seconds * 1_000));
        }

        return new OnlineScript(index % 2, SessionStart(random, start, downloaded: null, $"movie-{index % 7}"), events, leftOpen);
    }

    private static UploadScript DownloadedUpload(Random random, int index)
    {
        var ts = StartTime(random);
        var builder = new StringBuilder("[").Append(SessionStart(random, ts, downloaded: true, $"film-{index % 5}"));
        var playhead = 0.0;
        builder.Append(',').Append(Samples.Event("play", playhead, ts += 1_000));
        for (var ping = random.Next(1, 7); ping > 0; ping--)
        {
            builder.Append(',').Append(Samples.Event("ping", playhead += 10, ts += 10_000));
        }

        // Most arrays end with sessionComplete; the others are closed by the end of the array.
        if (random.NextDouble() < 0.7)
        {
            var seconds = random.Next(1, 10);
            builder.Append(',').Append(Samples.Event("sessionComplete", playhead + seconds, ts + (seconds * 1_000)));
        }

        // Indexes 0, 4, 8, ... (50) are retried on the other node; 1, 11, 21, ... (20, all odd) go to both at once.
        var delivery = index % 4 == 0 ? UploadDelivery.RetriedOnOtherNode
            : index % 10 == 1 ? UploadDelivery.BothNodesAtOnce
            : UploadDelivery.Once;
        return new UploadScript(index % 2, $"e2e-upload-{index:D3}", builder.Append(']').ToString(), delivery);
    }

    private static long StartTime(Random random) =>
        FirstDayMilliseconds + (random.Next(Days) * 86_400_000L) + random.Next(0, 22 * 3_600_000);

    private static string SessionStart(Random random, long ts, bool? downloaded, string mediaId) =>
        Samples.SessionStart(ts, downloaded)
            .Replace("\"media.id\": \"movie-42\"", $"\"media.id\": \"{mediaId}\"", StringComparison.Ordinal)
            .Replace("\"media.contentType\": \"vod\"", $"\"media.contentType\": \"{ContentTypes[random.Next(ContentTypes.Length)]}\"", StringComparison.Ordinal);

    private static string AdBreakStart(long ts) =>
        $$$"""{"eventType": "adBreakStart", "playerTime": {"playhead": 0, "ts": {{{ts}}}}, "params": {"media.ad.podFriendlyName": "preroll", "media.ad.podIndex": 0, "media.ad.podSecond": 0}}""";

    private static string AdStart(long ts, int length) =>
        $$$"""{"eventType": "adStart", "playerTime": {"playhead": 0, "ts": {{{ts}}}}, "params": {"media.ad.podFriendlyName": "preroll", "media.ad.id": "ad-{{{length}}}", "media.ad.length": {{{length}}}, "media.ad.podPosition": 1, "media.ad.playerName": "sample-player"}}""";

    private static string Error(double playhead, long ts) =>
        $$$"""{"eventType": "error", "playerTime": {"playhead": {{{playhead.ToString(CultureInfo.InvariantCulture)}}}, "ts": {{{ts}}}}, "params": {"media.errorId": "cdn-403", "media.errorSource": "external"}}""";
}
