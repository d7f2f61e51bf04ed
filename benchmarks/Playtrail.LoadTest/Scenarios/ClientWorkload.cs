using System.Text;
using Playtrail.LoadTest.Measurement;
using Playtrail.Testing;

namespace Playtrail.LoadTest.Scenarios;

/// <summary>The loop one client runs for a phase, per workload. Each client waits for its answer before its next request, and for its pacer.</summary>
internal sealed class ClientWorkload(WorkloadKind kind, int pingsPerSession, int eventsPerUpload)
{
    private const long PingIntervalMs = 10_000;

    // Timestamps only have to differ between uploads (the server answers a repeated body as a replay and stores
    // nothing); a second apart keeps them plausible however many uploads a run makes. The random start keeps a
    // second run against the same external server from repeating the first run's bodies.
    private const long UploadSpacingMs = 1_000;
    private static readonly DateTimeOffset FirstSessionStart = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static long s_uploads = Random.Shared.NextInt64(1_000_000_000);
    private static long s_onlineSessions = Random.Shared.NextInt64(1_000_000_000);

    public Task RunAsync(HttpClient client, RunBudget budget, ClientRecorder recorder, Pacer pacer) => kind switch
    {
        WorkloadKind.Health => RunHealthAsync(client, budget, recorder, pacer),
        WorkloadKind.Online => RunOnlineAsync(client, budget, recorder, pacer),
        _ => RunDownloadedAsync(client, budget, recorder, pacer),
    };

    private static async Task RunHealthAsync(HttpClient client, RunBudget budget, ClientRecorder recorder, Pacer pacer)
    {
        while (budget.TryTake())
        {
            await RequestSender.GetAsync(client, "/health", 200, recorder, await pacer.NextAsync().ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    private async Task RunOnlineAsync(HttpClient client, RunBudget budget, ClientRecorder recorder, Pacer pacer)
    {
        while (budget.TryTake())
        {
            var start = FirstSessionStart.ToUnixTimeMilliseconds() + (Interlocked.Increment(ref s_onlineSessions) * UploadSpacingMs);
            var (started, location) = await RequestSender.PostJsonAsync(
                client, "/api/v1/sessions", Encoding.UTF8.GetBytes(Samples.SessionStart(start)), 201, 1, recorder,
                await pacer.NextAsync().ConfigureAwait(false), pacer).ConfigureAwait(false);
            if (!started || location is null)
            {
                continue;
            }

            var eventsPath = location.OriginalString + "/events";
            var ping = 1;
            for (; ping <= pingsPerSession && budget.TryTake(); ping++)
            {
                var body = Encoding.UTF8.GetBytes(Samples.Event("ping", ping * 10, start + (ping * PingIntervalMs)));
                await RequestSender.PostJsonAsync(client, eventsPath, body, 204, 1, recorder, await pacer.NextAsync().ConfigureAwait(false), pacer).ConfigureAwait(false);
            }

            budget.TakeAnyway();
            var complete = Encoding.UTF8.GetBytes(Samples.Event("sessionComplete", ping * 10, start + (ping * PingIntervalMs)));
            await RequestSender.PostJsonAsync(client, eventsPath, complete, 204, 1, recorder, await pacer.NextAsync().ConfigureAwait(false), pacer).ConfigureAwait(false);
        }
    }

    private async Task RunDownloadedAsync(HttpClient client, RunBudget budget, ClientRecorder recorder, Pacer pacer)
    {
        while (budget.TryTake())
        {
            var firstTs = FirstSessionStart.ToUnixTimeMilliseconds() + (Interlocked.Increment(ref s_uploads) * UploadSpacingMs);
            var body = Encoding.UTF8.GetBytes(Samples.LongDownloaded(eventsPerUpload, firstTs));
            await RequestSender.PostJsonAsync(client, "/api/v1/downloaded", body, 201, eventsPerUpload, recorder, await pacer.NextAsync().ConfigureAwait(false), pacer).ConfigureAwait(false);
        }
    }
}
