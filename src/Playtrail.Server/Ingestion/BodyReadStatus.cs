namespace Playtrail.Server.Ingestion;

/// <summary>Why a request body could not be read.</summary>
internal enum BodyReadStatus
{
    Ok,
    TooLarge,
    NotJson,
    UnsupportedEncoding,
    BadGzip,

    /// <summary>The body's transfer framing is broken (a chunk size that is not a number or overflows).</summary>
    BadFraming,

    /// <summary>The body ended early: the client closed the connection or sent less than it announced.</summary>
    Incomplete,
}
