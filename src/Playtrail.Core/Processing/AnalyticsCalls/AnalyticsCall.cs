namespace Playtrail.Core.Processing;

/// <summary>
/// One analytics call the backend makes for a session (docs/reference/media-collection-api.md#analytics-calls,
/// docs/decisions/0016-analytics-calls.md).
/// </summary>
/// <param name="Type">One of <see cref="AnalyticsCallTypes"/>.</param>
/// <param name="Ts">
/// For a downloaded session, the analytics <c>ts</c> in epoch milliseconds: the first event's for the start call, the
/// <c>adStart</c>'s for an ad start call, the last event's for every close call. Null for an online session.
/// </param>
/// <param name="ContextData">The context data, in the order written (keys are unique).</param>
public sealed record AnalyticsCall(string Type, long? Ts, IReadOnlyList<KeyValuePair<string, ContextValue>> ContextData);
