namespace Playtrail.Client.Offline;

/// <summary>What one upload pass did.</summary>
/// <param name="Delivered">Sessions the server took (2xx), replays included; deleted from the store.</param>
/// <param name="Replayed">Of those, how many the server recognised as an earlier upload (<c>Idempotent-Replayed: true</c>).</param>
/// <param name="RetryLater">Sessions that met a transient failure (network, timeout, 408, 429, 5xx) and wait for their back-off.</param>
/// <param name="DeadLettered">Sessions the server refused (other 4xx), moved to dead letters.</param>
/// <param name="StoppedOffline">True when the pass stopped because the connectivity probe said the device is offline.</param>
/// <param name="Locations">The server's <c>Location</c> for each delivered session (<c>/api/v1/sessions/{sid}</c>), in upload order.</param>
public sealed record UploadPassResult(int Delivered, int Replayed, int RetryLater, int DeadLettered, bool StoppedOffline, IReadOnlyList<string> Locations);
