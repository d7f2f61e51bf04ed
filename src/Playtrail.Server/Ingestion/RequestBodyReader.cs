using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Playtrail.Server.Ingestion;

/// <summary>
/// Reads a JSON request body into a pooled buffer, decoding gzip, and stops as soon as it passes the
/// limit so an oversize or decompression-bomb body costs at most the limit in memory.
/// </summary>
internal static class RequestBodyReader
{
    private const int InitialBufferBytes = 4096;

    public static bool IsJson(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
        {
            return false;
        }

        var type = mediaType.MediaType;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    public static Task<(BodyReadStatus Status, RequestBody? Body)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken) =>
        ReadAsync(request, limit, requireJsonContentType: true, cancellationToken);

    /// <summary>
    /// Reads the body; with <paramref name="requireJsonContentType"/> false any content type is read as JSON
    /// (Edge clients send theirs as <c>text/plain</c> so browsers skip the CORS preflight).
    /// </summary>
    public static async Task<(BodyReadStatus Status, RequestBody? Body)> ReadAsync(HttpRequest request, int limit, bool requireJsonContentType,
        CancellationToken cancellationToken)
    {
        if (requireJsonContentType && !IsJson(request))
        {
            return (BodyReadStatus.NotJson, null);
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return (BodyReadStatus.UnsupportedEncoding, null);
        }

        if (!gzip && request.ContentLength > limit)
        {
            return (BodyReadStatus.TooLarge, null);
        }

        // Our own limit replaces Kestrel's, so the client gets a problem document rather than a reset.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = gzip ? null : limit + 1L;
        }

#pragma warning disable CA2000 // Disposed in the finally below when it is ours (the request's own body is not).
        var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
#pragma warning restore CA2000
        var initial = (int)Math.Min(Math.Max(request.ContentLength ?? InitialBufferBytes, 16), limit + 1L);
        var buffer = BodyBuffers.Rent(initial);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        BodyBuffers.Return(buffer);
                        return (BodyReadStatus.TooLarge, null);
                    }

                    var larger = BodyBuffers.Rent((int)Math.Min(buffer.Length * 2L, limit + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    BodyBuffers.Return(buffer);
                    buffer = larger;
                }

                var read = await source.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    BodyBuffers.Return(buffer);
                    return (BodyReadStatus.TooLarge, null);
                }
            }

            return (BodyReadStatus.Ok, new RequestBody(buffer, length));
        }
        catch (InvalidDataException)
        {
            BodyBuffers.Return(buffer);
            return (BodyReadStatus.BadGzip, null);
        }
        catch (IOException exception) when (exception.InnerException is OverflowException or FormatException)
        {
            // Kestrel reports a chunk size it cannot parse this way: the client's framing is broken, not the server.
            BodyBuffers.Return(buffer);
            return (BodyReadStatus.BadFraming, null);
        }
        catch (Exception exception) when (exception is BadHttpRequestException or IOException
            || (exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // The client closed the connection, or ended the body before its Content-Length or last chunk: its upload
            // is incomplete, which is the client's doing. Answered (and counted) as a 400 even if nobody reads it.
            BodyBuffers.Return(buffer);
            return (BodyReadStatus.Incomplete, null);
        }
        catch
        {
            BodyBuffers.Return(buffer);
            throw;
        }
        finally
        {
            if (gzip)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
