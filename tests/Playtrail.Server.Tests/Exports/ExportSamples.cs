using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Playtrail.Core.Processing;
using Playtrail.Server.Exports;
using Playtrail.Server.Reporting;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Tests.Exports;

/// <summary>Processed sessions made up in memory, as a store would yield them, and the exports written from them.</summary>
internal static class ExportSamples
{
    /// <summary>2026-11-30T04:30:00Z: still 2026-11-29 in New York (UTC-5), so the day column shows the zone is used.</summary>
    public const long LateEveningInNewYork = 1_796_013_000_000;

    public static readonly DateTimeOffset Received = new(2026, 12, 2, 8, 0, 0, 123, TimeSpan.Zero);

    public static ReportZone NewYork { get; } = ReportZone.Of("America/New_York");

    /// <summary>An online session of a film with a name that needs quoting in CSV, and its start and close calls.</summary>
    public static ExportedSession Online(string sessionId = "online-1", string? mediaName = "Say \"hi\", twice\nthen leave")
    {
        var measures = new Measures();
        measures[Measure.Sessions] = 1;
        measures[Measure.ContentStarts] = 1;
        measures[Measure.TimePlayed] = 12.5;
        measures[Measure.AverageMinuteAudience] = 0.125;
        var facts = new SessionFacts(
            sessionId, Downloaded: false, SessionStatus.Ended, CloseReason.End, "movie-42", mediaName, "vod", 100,
            FirstEventTs: LateEveningInNewYork, LastEventTs: LateEveningInNewYork + 20_000,
            ReceivedAt: DateTimeOffset.FromUnixTimeMilliseconds(LateEveningInNewYork + 150),
            ClosedAt: DateTimeOffset.FromUnixTimeMilliseconds(LateEveningInNewYork + 21_000),
            EventCount: 4, IgnoredEventCount: 0, CallCount: 2, LatenessSeconds: null, measures);
        var calls = AnalyticsCallsJson.ToUtf8Bytes(
        [
            new AnalyticsCall(AnalyticsCallTypes.Start, null, [Pair("a.media.name", "movie-42"), Pair("a.media.view", true)]),
            new AnalyticsCall(AnalyticsCallTypes.Close, null, [Pair("a.media.name", "movie-42"), Pair("a.media.timePlayed", 12.5)]),
        ]);
        return new ExportedSession(facts, Received.AddTicks(4567), calls);
    }

    /// <summary>A downloaded session with an ad and a chapter, watched a day before it arrived.</summary>
    public static ExportedSession Downloaded(string sessionId = "downloaded-1")
    {
        var first = LateEveningInNewYork + 3_600_000;
        var measures = new Measures();
        measures[Measure.Sessions] = 1;
        measures[Measure.DownloadedSessions] = 1;
        measures[Measure.Completes] = 1;
        measures[Measure.AdStarts] = 1;
        measures[Measure.TimePlayed] = 35.25;
        var facts = new SessionFacts(
            sessionId, Downloaded: true, SessionStatus.Completed, CloseReason.Complete, "movie-7", null, "vod", 35,
            FirstEventTs: first, LastEventTs: first + 60_000, ReceivedAt: Received, ClosedAt: Received,
            EventCount: 9, IgnoredEventCount: 1, CallCount: 5, LatenessSeconds: 86_400.5, measures);
        var calls = AnalyticsCallsJson.ToUtf8Bytes(
        [
            new AnalyticsCall(AnalyticsCallTypes.Start, first, [Pair("a.media.name", "movie-7"), Pair("a.media.view", true), Pair("a.media.downloaded", true)]),
            new AnalyticsCall(AnalyticsCallTypes.AdStart, first + 1_000, [Pair("a.media.ad.name", "ad-1"), Pair("a.media.ad.view", true)]),
            new AnalyticsCall(AnalyticsCallTypes.AdClose, first + 60_000,
                [Pair("a.media.ad.name", "ad-1"), Pair("a.media.ad.complete", true), Pair("a.media.ad.timePlayed", 15)]),
            new AnalyticsCall(AnalyticsCallTypes.ChapterClose, first + 60_000,
                [Pair("a.media.chapter.name", "chapter-1"), Pair("a.media.chapter.timePlayed", 20.25)]),
            new AnalyticsCall(AnalyticsCallTypes.Close, first + 60_000,
                [Pair("a.media.name", "movie-7"), Pair("a.media.complete", true), Pair("a.media.timePlayed", 35.25), Pair("custom, \"quoted\"", "é\u2028")]),
        ]);
        return new ExportedSession(facts, Received.AddSeconds(1), calls);
    }

    /// <summary>The export of <paramref name="sessions"/> as <paramref name="format"/>, as the route writes it.</summary>
    public static async Task<byte[]> ExportAsync(ExportKind kind, ExportFormat format, IEnumerable<ExportedSession> sessions, ReportZone? zone = null)
    {
        using var stream = new MemoryStream();
        var output = PipeWriter.Create(stream);
        var rows = kind == ExportKind.Sessions
            ? await ExportRows.WriteSessionsAsync(Yield(sessions), zone ?? NewYork, format, output, CancellationToken.None)
            : await ExportRows.WriteCallsAsync(Yield(sessions), zone ?? NewYork, format, output, CancellationToken.None);
        await output.CompleteAsync();
        Assert.True(rows >= 0);
        return stream.ToArray();
    }

    public static async IAsyncEnumerable<ExportedSession> Yield(IEnumerable<ExportedSession> sessions, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var session in sessions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return session;
        }
    }

    private static KeyValuePair<string, ContextValue> Pair(string key, string value) => new(key, ContextValue.Of(value));

    private static KeyValuePair<string, ContextValue> Pair(string key, double value) => new(key, ContextValue.Of(value));

    private static KeyValuePair<string, ContextValue> Pair(string key, bool value) => new(key, ContextValue.Of(value));
}
