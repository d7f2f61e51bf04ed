namespace Playtrail.Cli.Upload;

/// <summary>What a <c>playtrail upload</c> run did.</summary>
/// <param name="Stores">Store files found.</param>
/// <param name="Uploaded">Sessions the server took (repeats of an earlier upload included).</param>
/// <param name="Replayed">Of those, sessions the server recognised as already received.</param>
/// <param name="Retried">Transient failures (network, 408, 429, 5xx), each followed by a retry after its back-off.</param>
/// <param name="DeadLettered">Sessions the server refused, kept as dead letters.</param>
/// <param name="ReadyLeft">Sessions ready to upload still in the stores afterwards.</param>
/// <param name="ElapsedSeconds">Real time taken.</param>
internal sealed record UploadResult(int Stores, int Uploaded, int Replayed, int Retried, int DeadLettered, int ReadyLeft, double ElapsedSeconds);
