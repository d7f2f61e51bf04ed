using Playtrail.BenchmarkData;
using System.Globalization;
using System.Net;
using System.Text;

namespace Playtrail.ExportBenchmark;

/// <summary>
/// Fills a server with processed sessions for the export benchmark through its public API, as players would: each a
/// downloaded upload (<c>POST /api/v1/downloaded</c>), processed by the server as it arrives, so every exported row,
/// report and calls blob is the server's own. Drawn from a fixed seed, so every build is the same: 30 days of
/// November 2026, 2,000 titles by Zipf popularity (five content types, 1 to 90 minutes long), 3 to 40 pings of
/// 10 s each, completed when the playhead passed 95 % of the length.
/// </summary>
internal static class ExportDataSet
{
    public const int RandomSeed = 20_261_209;
    public const int MediaCount = 2_000;
    public const int Days = 30;
    public static readonly DateOnly FirstDay = new(2026, 11, 1);

    private const int Uploaders = 8;
    private static readonly string[] ContentTypes = ["vod", "live", "linear", "podcast", "song"];

    /// <summary>Uploads <paramref name="sessions"/> sessions to <paramref name="server"/> and waits until all are processed.</summary>
    public static async Task BuildAsync(Uri server, int sessions, TextWriter log)
    {
        using var client = new HttpClient { BaseAddress = server };
        var zipf = ZipfPopularity.Cumulative(MediaCount);
        var uploaded = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, sessions), new ParallelOptions { MaxDegreeOfParallelism = Uploaders }, async (index, cancellationToken) =>
        {
            using var content = new StringContent(Payload(index, zipf), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("/api/v1/downloaded", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Upload {index} was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
            }

            if (Interlocked.Increment(ref uploaded) % 100_000 == 0)
            {
                await log.WriteLineAsync($"  {uploaded:N0} sessions uploaded, {uploaded / clock.Elapsed.TotalSeconds:N0}/s").ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        // Processing follows each upload closely; the export's own count says when it has caught up.
        while (await CountAsync(client).ConfigureAwait(false) is var processed && processed < sessions)
        {
            await log.WriteLineAsync($"  {processed:N0} of {sessions:N0} processed").ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
    }

    /// <summary>The rows an export of the data set's days would hold now (read from the header; the body is not read).</summary>
    public static async Task<long> CountAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri(Url("sessions", "ndjson"), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return long.Parse(response.Headers.GetValues("Playtrail-Export-Rows").Single(), CultureInfo.InvariantCulture);
    }

    /// <summary>The export route of the data set's days.</summary>
    public static string Url(string kind, string format) =>
        $"/api/v1/exports/{kind}?from={FirstDay:yyyy-MM-dd}&to={FirstDay.AddDays(Days - 1):yyyy-MM-dd}&format={format}";

    private static string Payload(int index, double[] zipf)
    {
        var random = new Random(RandomSeed + index);
        var media = Array.BinarySearch(zipf, random.NextDouble());
        media = Math.Min(media < 0 ? ~media : media, MediaCount - 1);
        var length = 60 * (1 + (media % 90));
        var first = new DateTimeOffset(FirstDay.AddDays(random.Next(Days)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds()
            + random.NextInt64(86_400_000 - 3_600_000);
        var pings = random.Next(3, 41);
        var body = new StringBuilder(4_096)
            .Append("[{\"eventType\":\"sessionStart\",\"playerTime\":{\"playhead\":0,\"ts\":").Append(N(first)).Append("},\"params\":{")
            .Append("\"analytics.trackingServer\":\"example.sc.omtrdc.net\",\"analytics.reportSuite\":\"examplersid\",\"analytics.enableSSL\":true,")
            .Append("\"visitor.marketingCloudOrgId\":\"0123456789ABCDEF@AdobeOrg\",\"media.id\":\"media-").Append(media.ToString("D5", CultureInfo.InvariantCulture))
            .Append("\",\"media.name\":\"Title ").Append(N(media)).Append("\",\"media.length\":").Append(N(length))
            .Append(",\"media.contentType\":\"").Append(ContentTypes[media % ContentTypes.Length])
            .Append("\",\"media.playerName\":\"bench-player\",\"media.channel\":\"bench-app\",\"media.downloaded\":true},\"customMetadata\":{\"cms.section\":\"section-")
            .Append(N(media % 7)).Append("\"}}");
        Event(body, "play", 0, first + 1_000);
        for (var ping = 1; ping <= pings; ping++)
        {
            Event(body, "ping", ping * 10, first + 1_000 + (ping * 10_000));
        }

        Event(body, pings * 10 >= 0.95 * length ? "sessionComplete" : "sessionEnd", pings * 10, first + 2_000 + (pings * 10_000));
        return body.Append(']').ToString();
    }

    private static void Event(StringBuilder body, string type, long playhead, long ts) =>
        body.Append(",{\"eventType\":\"").Append(type).Append("\",\"playerTime\":{\"playhead\":").Append(N(playhead)).Append(",\"ts\":").Append(N(ts)).Append("}}");

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

}
