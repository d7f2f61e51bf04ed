using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Playtrail.Server.Tests.Operations;

/// <summary>
/// A small OTLP/HTTP receiver on a real Kestrel port: keeps every protobuf body posted to <c>/v1/metrics</c> and
/// <c>/v1/traces</c> and answers 200 with an empty (valid) export response.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<byte[]> _metrics = new();
    private readonly ConcurrentQueue<byte[]> _traces = new();
    private readonly ConcurrentQueue<string> _contentTypes = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The content types of the requests received, to show the exporter spoke protobuf.</summary>
    public IReadOnlyCollection<string> ContentTypes => _contentTypes;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/metrics", (HttpContext context) => receiver.KeepAsync(context, receiver._metrics));
        app.MapPost("/v1/traces", (HttpContext context) => receiver.KeepAsync(context, receiver._traces));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>Every metric received so far, from every export.</summary>
    public List<OtlpMetric> Metrics() => _metrics.SelectMany(body => OtlpDecoder.Metrics(body)).ToList();

    /// <summary>Every span received so far.</summary>
    public List<OtlpSpan> Spans() => _traces.SelectMany(body => OtlpDecoder.Spans(body)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task KeepAsync(HttpContext context, ConcurrentQueue<byte[]> into)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        into.Enqueue(body.ToArray());
        _contentTypes.Enqueue(context.Request.ContentType ?? "");
        context.Response.ContentType = "application/x-protobuf";
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
