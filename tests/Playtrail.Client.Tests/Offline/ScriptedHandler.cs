using System.Net;

namespace Playtrail.Client.Tests.Offline;

/// <summary>
/// Sits in front of the real server: answers the scripted responses first (a 500, a 503 with Retry-After, a lost
/// connection after the server stored the upload), then passes every request through. Records what it saw.
/// </summary>
internal sealed class ScriptedHandler(params Func<HttpRequestMessage, CancellationToken, Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>>[] script)
    : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>>> _script = new(script);

    public List<(string? IdempotencyKey, string? ContentEncoding)> Requests { get; } = [];

    public static Func<HttpRequestMessage, CancellationToken, Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>> Answer(
        HttpStatusCode status, TimeSpan? retryAfter = null) =>
        (_, _, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent("{}") };
            if (retryAfter is { } delta)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delta);
            }

            return Task.FromResult(response);
        };

    /// <summary>The server gets and stores the upload, but the answer never reaches the client.</summary>
    public static Func<HttpRequestMessage, CancellationToken, Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>> LoseAnswer() =>
        async (_, _, forward) =>
        {
            using var response = await forward();
            throw new HttpRequestException("The connection was reset after the server answered " + (int)response.StatusCode + ".");
        };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((
            request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null,
            request.Content?.Headers.ContentEncoding.SingleOrDefault()));
        var step = _script.Count > 0 ? _script.Dequeue() : null;
        return step is null
            ? await base.SendAsync(request, cancellationToken)
            : await step(request, cancellationToken, () => base.SendAsync(request, cancellationToken));
    }
}
