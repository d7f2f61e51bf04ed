using System.Net.Http.Headers;

namespace Playtrail.Client.Online;

/// <summary>The two requests of online tracking, turned into <see cref="HttpOutcome"/> values instead of exceptions.</summary>
internal sealed class CollectionApiClient(HttpClient http, TimeProvider timeProvider)
{
    public const string SessionsPath = "api/v1/sessions";

    private const int MaxProblemChars = 2000;
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    public static string EventsPath(string sessionId) => $"{SessionsPath}/{Uri.EscapeDataString(sessionId)}/events";

    /// <summary>The session id in a <c>Location</c> such as <c>/api/v1/sessions/{sid}</c>, or null.</summary>
    public static string? SessionIdFrom(string? location)
    {
        const string marker = "/sessions/";
        var at = location?.LastIndexOf(marker, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var id = location!.Substring(at + marker.Length).Trim('/');
        return id.Length == 0 || id.Contains('/') ? null : id;
    }

    public async Task<HttpOutcome> PostAsync(string path, byte[] json, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = JsonType;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            string? problem = null;
            if (status is >= 400 and < 500 and not 404 and not 410)
            {
#if NET
                problem = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
#else
                problem = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#endif
                problem = problem.Length > MaxProblemChars ? problem.Substring(0, MaxProblemChars) : problem;
            }

            return new HttpOutcome(status, response.Headers.Location?.OriginalString, RetryAfter(response), problem, "HTTP " + status);
        }
        catch (HttpRequestException exception)
        {
            return new HttpOutcome(0, null, null, null, "network error: " + exception.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation the caller did not ask for.
            return new HttpOutcome(0, null, null, null, "request timed out");
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - timeProvider.GetUtcNow() : null;
    }
}
