namespace Playtrail.Storage;

/// <summary>
/// Thrown (through the returned task) when a store cannot take another write because its queue is full.
/// Nothing was written; the caller should shed the request (HTTP 503 with <c>Retry-After</c>) rather than wait.
/// </summary>
public sealed class StoreOverloadedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public StoreOverloadedException()
        : base("The store's write queue is full.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public StoreOverloadedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public StoreOverloadedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
