namespace Playtrail.Server.Ingestion;

/// <summary>Why a request body could not be read.</summary>
internal enum BodyReadStatus
{
    Ok,
    TooLarge,
    NotJson,
    UnsupportedEncoding,
    BadGzip,
}
