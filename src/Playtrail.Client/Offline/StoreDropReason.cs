namespace Playtrail.Client.Offline;

/// <summary>Why the device store dropped data. Every drop is counted, persisted and shown in diagnostics.</summary>
public enum StoreDropReason
{
    /// <summary>An event arrived after the session reached <see cref="DeviceStoreOptions.MaxEventsPerSession"/>; the closing event is still kept.</summary>
    EventLimit = 0,

    /// <summary>The oldest whole session was evicted to stay within <see cref="DeviceStoreOptions.MaxSessions"/>.</summary>
    SessionLimit = 1,

    /// <summary>The oldest whole session was evicted (or, if it could not make room, the event refused) to stay within <see cref="DeviceStoreOptions.MaxBytes"/>.</summary>
    ByteLimit = 2,

    /// <summary>A session older than <see cref="DeviceStoreOptions.MaxAge"/> was evicted without being delivered.</summary>
    MaxAge = 3,

    /// <summary>An event was appended to a session that is not open here (never begun, already ended, or evicted).</summary>
    UnknownSession = 4,

    /// <summary>The database refused a write (disk full, file deleted, store disposed); see the last error.</summary>
    StoreError = 5,

    /// <summary>The application deleted a dead-lettered session.</summary>
    DeadLetterDeleted = 6,
}
