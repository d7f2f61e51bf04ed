namespace Playtrail.Client.Offline;

/// <summary>A snapshot of the device store, for an app's diagnostics screen or its own telemetry.</summary>
public sealed class DeviceStoreDiagnostics
{
    /// <summary>False when the store could not be opened or was disposed; every call is then a counted no-op.</summary>
    public bool IsAvailable { get; init; }

    /// <summary>Queue depth: sessions complete and waiting to be uploaded.</summary>
    public int ReadySessions { get; init; }

    /// <summary>Sessions still being recorded (or left open by a crash until <see cref="DeviceSessionStore.RecoverInterrupted"/>).</summary>
    public int OpenSessions { get; init; }

    /// <summary>Sessions the server refused (400, 413, other 4xx); kept until the app retries or deletes them.</summary>
    public int DeadLetters { get; init; }

    /// <summary>Bytes of event JSON stored, all states.</summary>
    public long Bytes { get; init; }

    /// <summary>How long ago the oldest ready session began; null when none is waiting.</summary>
    public TimeSpan? OldestPendingAge { get; init; }

    /// <summary>Sessions delivered since the store was created (idempotent replays included).</summary>
    public long DeliveredSessions { get; init; }

    /// <summary>Deliveries the server recognised as repeats of an earlier upload (counted once on the server).</summary>
    public long ReplayedSessions { get; init; }

    /// <summary>The last error the store or uploader met (no payloads); null when none.</summary>
    public string? LastError { get; init; }

    /// <summary>When <see cref="LastError"/> happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>Everything dropped since the store was created, by reason (persisted across restarts).</summary>
    public IReadOnlyDictionary<StoreDropReason, DropCount> Drops { get; init; } = new Dictionary<StoreDropReason, DropCount>();
}
