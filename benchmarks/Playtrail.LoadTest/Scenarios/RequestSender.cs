using System.Diagnostics;
using System.Net.Http.Headers;
using Playtrail.LoadTest.Measurement;

namespace Playtrail.LoadTest.Scenarios;

/// <summary>Sends one request, times it from when it was due to the last byte of the answer, and records the outcome.</summary>
internal static class RequestSender
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>
    /// Posts a JSON body; returns the Location header when the answer had the expected status. The latency counts from
    /// <paramref name="start"/> (a Stopwatch timestamp), when the request was due.
    /// </summary>
    /// <remarks>
    /// A 503 or 429 with <c>Retry-After</c> makes the client wait that long before its next request, as a player
    /// does (Playtrail's SDK, Adobe's): a client that hammered a shedding server at once would measure a flood no real
    /// audience sends. In open loop the slots the client missed meanwhile are skipped, not counted as late.
    /// </remarks>
    public static async Task<(bool Succeeded, Uri? Location)> PostJsonAsync(
        HttpClient client, string path, byte[] body, int expectedStatus, int events, ClientRecorder recorder, long start, Pacer pacer)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            var status = (int)response.StatusCode;

            // Every body this harness sends is new; an upload answered as a replay stored nothing and must not count.
            if (response.Headers.Contains("Idempotent-Replayed"))
            {
                recorder.RecordUnexpected(start, $"{status} replayed", body.Length);
                return (false, null);
            }

            recorder.Record(start, status, expectedStatus, body.Length, events);
            if (status is 503 or 429 && response.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero)
            {
                await pacer.DeferAsync(wait).ConfigureAwait(false);
            }

            return (status == expectedStatus, response.Headers.Location);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            recorder.RecordError(start, exception);
            return (false, null);
        }
    }

    /// <summary>Gets <paramref name="path"/>, reading the whole answer; the latency counts from <paramref name="start"/>.</summary>
    public static async Task GetAsync(HttpClient client, string path, int expectedStatus, ClientRecorder recorder, long start)
    {
        try
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            recorder.Record(start, (int)response.StatusCode, expectedStatus, 0, 0);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            recorder.RecordError(start, exception);
        }
    }
}
