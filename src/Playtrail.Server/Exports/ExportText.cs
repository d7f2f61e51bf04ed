using System.Globalization;
using System.IO.Pipelines;

namespace Playtrail.Server.Exports;

/// <summary>What the text formats (NDJSON and CSV) share: how days and instants are spelled, and when to flush.</summary>
internal static class ExportText
{
    /// <summary>Bytes held back before a flush: large enough to fill network packets, small enough to stay flat.</summary>
    public const int FlushBytes = 64 * 1024;

    /// <summary>Longest spelling of an instant: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public const int TimestampBytes = 24;

    /// <summary>Longest spelling of a number (a double or a long), with room to spare.</summary>
    public const int NumberBytes = 32;

    /// <summary>Writes <paramref name="value"/> as ISO 8601 UTC to the millisecond (finer parts dropped, as in Parquet).</summary>
    public static int Timestamp(DateTimeOffset value, Span<byte> destination)
    {
        value.UtcDateTime.TryFormat(destination, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>Writes <paramref name="value"/> as <c>yyyy-MM-dd</c>.</summary>
    public static int Date(DateOnly value, Span<byte> destination)
    {
        value.TryFormat(destination, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>Flushes <paramref name="output"/>; a reader that went away ends the export.</summary>
    public static async ValueTask FlushAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        var result = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCompleted || result.IsCanceled)
        {
            throw new OperationCanceledException("The client stopped reading the export.");
        }
    }
}
