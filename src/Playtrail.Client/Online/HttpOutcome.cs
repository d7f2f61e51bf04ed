namespace Playtrail.Client.Online;

/// <summary>What one request came to: an HTTP status, or 0 when the server was not reached.</summary>
/// <param name="Status">The HTTP status, 0 for a network failure or timeout.</param>
/// <param name="Location">The <c>Location</c> header, on a 201.</param>
/// <param name="RetryAfter">The server's <c>Retry-After</c>, when it sent one.</param>
/// <param name="Problem">The start of the server's error body on a refusal (the problem document, not our payload).</param>
/// <param name="Failure">A short description for logs and diagnostics.</param>
internal readonly record struct HttpOutcome(int Status, string? Location, TimeSpan? RetryAfter, string? Problem, string Failure)
{
    public bool ReachedServer => Status != 0;

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Worth trying again later: network failures, 408, 429 and 5xx.</summary>
    public bool IsTransient => Status is 0 or 408 or 429 or >= 500;

    /// <summary>The session is unknown (404) or closed (410): the API's answer is a new session.</summary>
    public bool IsSessionGone => Status is 404 or 410;
}
