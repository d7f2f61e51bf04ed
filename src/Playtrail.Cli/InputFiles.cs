using System.IO.Compression;
using Playtrail.Core.Validation;

namespace Playtrail.Cli;

/// <summary>Reads the files commands take: a path or <c>-</c> for standard input, gzip-compressed or not.</summary>
internal static class InputFiles
{
    /// <summary>The name that stands for standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>
    /// The bytes of <paramref name="path"/>, decompressed when they are gzip. gzip is recognised by its magic
    /// bytes rather than the <c>.gz</c> extension, so compressed standard input works too.
    /// </summary>
    public static async Task<byte[]> ReadAsync(string path, Stream standardInput, CancellationToken cancellationToken)
    {
        byte[] raw;
        if (path == StandardInput)
        {
            using var buffer = new MemoryStream();
            await standardInput.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            raw = buffer.ToArray();
        }
        else
        {
            raw = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }

        if (raw is [0x1F, 0x8B, ..])
        {
            using var compressed = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await compressed.CopyToAsync(plain, cancellationToken).ConfigureAwait(false);
            raw = plain.ToArray();
        }

        // The server reads a body from after a byte order mark; so does the CLI, so both give the same verdict.
        var mark = ByteOrderMark.Length(raw);
        return mark == 0 ? raw : raw[mark..];
    }
}
