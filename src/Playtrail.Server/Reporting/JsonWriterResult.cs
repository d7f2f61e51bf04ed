using System.Text.Json;

namespace Playtrail.Server.Reporting;

/// <summary>A JSON answer written straight to the response with <see cref="Utf8JsonWriter"/> (report rows carry the measure catalogue's fields, which no fixed type lists).</summary>
internal sealed class JsonWriterResult(Action<Utf8JsonWriter> write) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        write(writer);
        await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
