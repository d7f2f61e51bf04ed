using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Playtrail.DashboardBenchmark;

/// <summary>
/// Opens every dashboard page on a copy of the database, a warm-up round then the measured rounds, and prints per page
/// the API calls it made, the sum of their <c>Server-Timing</c> durations and the largest call (each a median over rounds), and
/// the browser's time to a quiet network. The baseline, measured in the same rounds, is <c>GET /api/v1/server</c>:
/// the cost of an API answer that reads nothing.
/// </summary>
internal static class PageBenchmark
{
    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "playtrail-dashboard-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "playtrail.db");
        Console.Error.WriteLine($"copying {options.Database} ({new FileInfo(options.Database).Length / 1_048_576} MiB)");
        File.Copy(options.Database, database);
        try
        {
            await using var server = await ServerChild.StartAsync(options.Server, database, options.TimeZone);
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            var pages = await PagesAsync(http, options);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.Chromium,
                Headless = true,
                ChromiumSandbox = false,
                Args = ChromiumFlags,
            });

            var results = pages.ToDictionary(page => page.Name, _ => new List<PageVisit>());
            var baseline = new List<double>();
            for (var round = 0; round <= options.Rounds; round++)
            {
                foreach (var page in pages)
                {
                    var visit = await VisitAsync(browser, server.BaseAddress, page.Path);
                    if (round > 0)
                    {
                        results[page.Name].Add(visit);
                        baseline.AddRange(visit.Calls.Where(call => call.Path.StartsWith("/api/v1/server", StringComparison.Ordinal)).Select(call => call.Milliseconds));
                    }

                    Console.Error.WriteLine($"round {round} {page.Name}: {visit.Calls.Count} calls, sum {visit.ServerSum:0.0} ms, wall {visit.WallMilliseconds:0} ms");
                }
            }

            Report(options, pages, results, Median(baseline), server.PeakRssMiB());
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The pages to open: the five sections over the range, one title and one session found through the API.</summary>
    private static async Task<List<(string Name, string Path)>> PagesAsync(HttpClient http, BenchmarkOptions options)
    {
        var range = $"from={options.From}&to={options.To}";
        using var top = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/reports/summary?{range}&groupBy=media&sort=timePlayed&limit=1"));
        var mediaId = top.RootElement.GetProperty("rows")[0].GetProperty("key").GetString()!;
        // The data set's sessions carry summary facts only; one real session, uploaded now, is the session page's subject.
        var sessionId = await UploadSessionAsync(http, DateOnly.ParseExact(options.To, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        return
        [
            ("overview", $"/?{range}"),
            ("overview, downloaded only", $"/?{range}&downloaded=true"),
            ("downloaded", $"/downloaded?{range}"),
            ("content", $"/content?{range}"),
            ("content, sorted by completion", $"/content?{range}&sort=completionRate"),
            ("one title", $"/content/{Uri.EscapeDataString(mediaId)}?{range}"),
            ("sessions", $"/sessions?{range}"),
            ("sessions, close reason stall", $"/sessions?{range}&closeReason=stall"),
            ("one session", $"/sessions/{sessionId}"),
        ];
    }

    /// <summary>A downloaded session of 180 events watched at noon UTC on <paramref name="day"/>: ad break, chapter, pause, buffering, bitrate changes.</summary>
    private static async Task<string> UploadSessionAsync(HttpClient http, DateOnly day)
    {
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var events = new List<string>
        {
            "{\"eventType\":\"sessionStart\",\"playerTime\":{\"playhead\":0,\"ts\":" + start + "},\"params\":{\"analytics.trackingServer\":\"example.sc.omtrdc.net\"," +
            "\"analytics.reportSuite\":\"rsid\",\"visitor.marketingCloudOrgId\":\"0123456789ABCDEF@AdobeOrg\",\"media.id\":\"bench-title\",\"media.name\":\"Benchmark title\"," +
            "\"media.length\":1800,\"media.contentType\":\"vod\",\"media.playerName\":\"bench\",\"media.channel\":\"bench\",\"media.downloaded\":true}," +
            "\"qoeData\":{\"media.qoe.timeToStart\":900,\"media.qoe.bitrate\":2000}}",
        };
        var ts = start;
        string Event(string type, double playhead, string extra = "") =>
            "{\"eventType\":\"" + type + "\",\"playerTime\":{\"playhead\":" + playhead.ToString(CultureInfo.InvariantCulture) + ",\"ts\":" + (ts += 1000) + "}" + extra + "}";
        events.Add(Event("play", 0));
        var playhead = 0.0;
        for (var i = 0; i < 170; i++)
        {
            ts += 9_000;
            playhead += 10;
            events.Add(i switch
            {
                40 => Event("pauseStart", playhead),
                41 => Event("play", playhead),
                80 => Event("bufferStart", playhead),
                81 => Event("play", playhead),
                100 => Event("bitrateChange", playhead, ",\"qoeData\":{\"media.qoe.bitrate\":4000}"),
                _ => Event("ping", playhead),
            });
        }

        events.Add(Event("sessionComplete", playhead));
        using var content = new StringContent("[" + string.Join(",", events) + "]", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/api/v1/downloaded", content);
        response.EnsureSuccessStatusCode();
        return response.Headers.Location!.OriginalString.Split('/')[^1];
    }

    private static async Task<PageVisit> VisitAsync(IBrowser browser, Uri baseAddress, string path)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        var page = await context.NewPageAsync();
        var calls = new List<Task<ApiCall?>>();
        page.Response += (_, response) => calls.Add(ReadCallAsync(response));
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle, Timeout = 120_000 });
        var wall = watch.Elapsed.TotalMilliseconds;
        var answered = (await Task.WhenAll(calls)).OfType<ApiCall>().ToList();
        if (answered.FirstOrDefault(call => call.Status >= 400) is { } failed)
        {
            throw new InvalidOperationException($"{path}: {failed.Path} answered {failed.Status}");
        }

        return new PageVisit(answered, wall);
    }

    private static async Task<ApiCall?> ReadCallAsync(IResponse response)
    {
        var url = new Uri(response.Url);
        if (!url.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
        {
            return null;
        }

        var timing = await response.HeaderValueAsync("server-timing");
        var duration = timing is null ? double.NaN : ParseDuration(timing);
        return new ApiCall(url.PathAndQuery, response.Status, duration);
    }

    private static double ParseDuration(string timing)
    {
        var at = timing.IndexOf("dur=", StringComparison.Ordinal);
        return at < 0 ? double.NaN : double.Parse(timing.AsSpan(at + 4).ToString().Split(',', ';')[0], CultureInfo.InvariantCulture);
    }

    private static void Report(BenchmarkOptions options, List<(string Name, string Path)> pages, Dictionary<string, List<PageVisit>> results, double baseline, double peakRss)
    {
        Console.WriteLine($"Database {options.Database}, days {options.From} to {options.To}, zone {options.TimeZone}, {options.Rounds} measured rounds after one warm-up; medians.");
        Console.WriteLine($"Baseline GET /api/v1/server: {baseline:0.0} ms server time. Server peak RSS {peakRss:0} MiB.");
        Console.WriteLine();
        Console.WriteLine("| page | API calls | server ms, sum of calls | server ms, slowest call | slowest call | ratio of sum to baseline | browser ms to quiet network |");
        Console.WriteLine("|---|--:|--:|--:|---|--:|--:|");
        foreach (var (name, _) in pages)
        {
            var visits = results[name];
            var sum = Median(visits.Select(visit => visit.ServerSum));
            // A page makes the same calls every round: the median of each call over the rounds, then the largest.
            var slowest = visits.SelectMany(visit => visit.Calls).GroupBy(call => call.Path)
                .Select(group => (Route: Describe(group.Key), Milliseconds: Median(group.Select(call => call.Milliseconds))))
                .MaxBy(entry => entry.Milliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {visits[0].Calls.Count} | {sum:0.0} | {slowest.Milliseconds:0.0} | `{slowest.Route}` | {sum / baseline:0}× | {Median(visits.Select(visit => visit.WallMilliseconds)):0} |"));
        }
    }

    /// <summary>A call's route with the query parameter that names what it reads (<c>groupBy</c>), if any.</summary>
    private static string Describe(string pathAndQuery)
    {
        var query = pathAndQuery.Contains('?', StringComparison.Ordinal) ? pathAndQuery.Split('?')[1] : "";
        var groupBy = query.Split('&').FirstOrDefault(part => part.StartsWith("groupBy=", StringComparison.Ordinal));
        return Route(pathAndQuery) + (groupBy is null ? "" : "?" + groupBy);
    }

    private static string Route(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?')[0];
        return path.StartsWith("/api/v1/sessions/", StringComparison.Ordinal) && path.Split('/').Length >= 5
            ? "/api/v1/sessions/{sid}" + (path.Split('/').Length > 5 ? "/" + path.Split('/')[5] : "")
            : path;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(value => !double.IsNaN(value)).Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record ApiCall(string Path, int Status, double Milliseconds);

    private sealed record PageVisit(List<ApiCall> Calls, double WallMilliseconds)
    {
        public double ServerSum => Calls.Sum(call => double.IsNaN(call.Milliseconds) ? 0 : call.Milliseconds);
    }
}
