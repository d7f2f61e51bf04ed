using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Playtrail.Server.Tests.MultiNode;

/// <summary>
/// Sends <see cref="Traffic"/> to nodes 0 and 1 (the same client twice for a single node), sessions and uploads
/// interleaved and several at a time, each session's events in order. Every unexpected answer is collected, not
/// thrown, so one run shows all of them.
/// </summary>
internal sealed class TrafficPlayer(HttpClient nodeA, HttpClient nodeB)
{
    private const int Concurrency = 16;

    private readonly ConcurrentBag<string> _problems = [];
    private readonly ConcurrentBag<string> _onlineIds = [];
    private readonly ConcurrentBag<string> _uploadIds = [];

    public IReadOnlyCollection<string> Problems => _problems;

    public IReadOnlyCollection<string> OnlineIds => _onlineIds;

    public IReadOnlyCollection<string> UploadIds => _uploadIds;

    public async Task PlayAsync(Traffic traffic, int seed)
    {
        var work = traffic.Online.Select(script => (Func<Task>)(() => PlayOnlineAsync(script)))
            .Concat(traffic.Uploads.Select(script => (Func<Task>)(() => PlayUploadAsync(script))))
            .ToArray();
        new Random(seed).Shuffle(work);
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (play, _) => await play());
    }

    private HttpClient Node(int node) => node == 0 ? nodeA : nodeB;

    private async Task PlayOnlineAsync(OnlineScript script)
    {
        using var start = await PostAsync(script.StartNode, "/api/v1/sessions", script.SessionStart);
        if (start.StatusCode != HttpStatusCode.Created)
        {
            await Problem("sessionStart", start);
            return;
        }

        var sessionId = ServerInstance.SessionIdOf(start);
        _onlineIds.Add(sessionId);
        for (var i = 0; i < script.Events.Count; i++)
        {
            using var answer = await PostAsync(script.NodeOfEvent(i), $"/api/v1/sessions/{sessionId}/events", script.Events[i]);
            if (answer.StatusCode != HttpStatusCode.NoContent)
            {
                await Problem($"event {i} of {sessionId}", answer);
                return;
            }
        }
    }

    private async Task PlayUploadAsync(UploadScript script)
    {
        switch (script.Delivery)
        {
            case UploadDelivery.Once:
            {
                using var first = await UploadAsync(script.Node, script);
                ExpectUpload(script, first, replayed: false);
                break;
            }

            case UploadDelivery.RetriedOnOtherNode:
            {
                using var first = await UploadAsync(script.Node, script);
                using var retry = await UploadAsync(1 - script.Node, script);
                ExpectUpload(script, first, replayed: false);
                ExpectUpload(script, retry, replayed: true);
                ExpectSameLocation(script, first, retry);
                break;
            }

            case UploadDelivery.BothNodesAtOnce:
            {
                var both = await Task.WhenAll(UploadAsync(0, script), UploadAsync(1, script));
                using var first = both[0];
                using var second = both[1];
                // Exactly one stores it; the other answers as a retry would.
                var original = IsReplayed(first) ? second : first;
                ExpectUpload(script, original, replayed: false);
                ExpectUpload(script, original == first ? second : first, replayed: true);
                ExpectSameLocation(script, first, second);
                break;
            }

            default:
                throw new InvalidOperationException($"Unknown delivery {script.Delivery}.");
        }
    }

    private void ExpectUpload(UploadScript script, HttpResponseMessage answer, bool replayed)
    {
        if (answer.StatusCode != HttpStatusCode.Created || answer.Headers.Location is null)
        {
            _problems.Add($"upload {script.Key}: {(int)answer.StatusCode} {answer.StatusCode}, Location {answer.Headers.Location}");
            return;
        }

        if (IsReplayed(answer) != replayed)
        {
            _problems.Add($"upload {script.Key}: Idempotent-Replayed is {IsReplayed(answer)}, expected {replayed}");
        }

        if (!replayed)
        {
            _uploadIds.Add(ServerInstance.SessionIdOf(answer));
        }
    }

    private void ExpectSameLocation(UploadScript script, HttpResponseMessage first, HttpResponseMessage second)
    {
        if (first.Headers.Location != second.Headers.Location)
        {
            _problems.Add($"upload {script.Key}: Location {first.Headers.Location} then {second.Headers.Location}");
        }
    }

    private static bool IsReplayed(HttpResponseMessage answer) =>
        answer.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");

    private Task<HttpResponseMessage> UploadAsync(int node, UploadScript script) =>
        PostAsync(node, "/api/v1/downloaded", script.Body, script.Key);

    private Task<HttpResponseMessage> PostAsync(int node, string path, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Node(node).SendAsync(request);
    }

    private async Task Problem(string what, HttpResponseMessage answer) =>
        _problems.Add($"{what}: {(int)answer.StatusCode} {answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
}
