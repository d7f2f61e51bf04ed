namespace Playtrail.Client.Offline;

/// <summary>What an upload attempt's answer means for the stored session.</summary>
internal enum UploadOutcome
{
    /// <summary>The server took it: delete it.</summary>
    Delivered = 0,

    /// <summary>Try again after a back-off.</summary>
    Transient = 1,

    /// <summary>The server will never take it as it is: dead-letter it.</summary>
    Refused = 2,
}
