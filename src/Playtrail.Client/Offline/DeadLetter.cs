namespace Playtrail.Client.Offline;

/// <summary>A session the server refused, kept with the server's answer so it is never silently lost.</summary>
/// <param name="SessionId">The store's local id, for <see cref="DeviceSessionStore.RetryDeadLetter"/> and <see cref="DeviceSessionStore.DeleteDeadLetter"/>.</param>
/// <param name="IdempotencyKey">The key the upload carried.</param>
/// <param name="CreatedAt">When the session began.</param>
/// <param name="EventCount">Events stored for the session.</param>
/// <param name="Status">The HTTP status the server answered.</param>
/// <param name="Error">The server's body (an RFC 9457 problem with its <c>errors</c> list), truncated to 64 KiB.</param>
public sealed record DeadLetter(long SessionId, string IdempotencyKey, DateTimeOffset CreatedAt, int EventCount, int Status, string Error);
