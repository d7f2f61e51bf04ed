namespace Playtrail.Client.Offline;

/// <summary>A ready session the uploader may send now.</summary>
internal readonly record struct PendingUpload(long Id, string IdempotencyKey, int Attempts, int EventCount);
