using System.Buffers;
using System.Text;
using System.Text.Json;
using Playtrail.Core.Edge;

namespace Playtrail.Server.Edge;

/// <summary>
/// A JSON answer of the Edge routes. When the mobile SDK asks for streamed answers
/// (<c>meta.konductorConfig.streaming.enabled</c>), a 200 or 207 body is sent as one record:
/// the record separator, the JSON, the line feed.
/// </summary>
internal sealed class EdgeAnswer : IResult, IStatusCodeHttpResult
{
    private const string JsonContentType = "application/json;charset=utf-8";
    private const string ProblemContentType = "application/problem+json;charset=utf-8";

    private readonly ReadOnlyMemory<byte> _json;
    private readonly string? _recordSeparator;
    private readonly string? _lineFeed;
    private readonly string _contentType;

    private EdgeAnswer(int status, ReadOnlyMemory<byte> json, string contentType, EdgeRequest? framing)
    {
        StatusCode = status;
        _json = json;
        _contentType = contentType;
        if (framing is { Streaming: true })
        {
            _recordSeparator = framing.RecordSeparator;
            _lineFeed = framing.LineFeed;
        }
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>A 200 or 207 answer, framed as a record when <paramref name="request"/> asked for streaming.</summary>
    public static EdgeAnswer Success(int status, EdgeRequest? request, Action<Utf8JsonWriter> write) => new(status, Write(write), JsonContentType, request);

    /// <summary>An error answer (a problem document); never framed.</summary>
    public static EdgeAnswer Problem(int status, Action<Utf8JsonWriter> write) => new(status, Write(write), ProblemContentType, null);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = _contentType;
        var body = response.BodyWriter;
        if (_recordSeparator is not null)
        {
            body.Write(Encoding.UTF8.GetBytes(_recordSeparator));
        }

        body.Write(_json.Span);
        if (_lineFeed is not null)
        {
            body.Write(Encoding.UTF8.GetBytes(_lineFeed));
        }

        await body.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }

    private static ReadOnlyMemory<byte> Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenMemory;
    }
}
