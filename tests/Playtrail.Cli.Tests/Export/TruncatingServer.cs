using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Playtrail.Cli.Tests.Export;

/// <summary>
/// A raw socket that answers one request with headers promising more body than it sends, then closes its side
/// gracefully. The client always has the headers and the first bytes in hand before it sees the end, whatever
/// the scheduling: unlike an aborted connection, a FIN does not make the kernel drop data not yet read.
/// </summary>
internal sealed class TruncatingServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _serving;

    private TruncatingServer(TcpListener listener, string head, string body)
    {
        _listener = listener;
        _serving = ServeAsync(head, body);
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Starts a server whose one answer is <paramref name="body"/> under a Content-Length of <paramref name="promised"/> bytes.</summary>
    public static TruncatingServer Start(string contentType, long promised, string body, params (string Name, string Value)[] headers)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var head = new StringBuilder("HTTP/1.1 200 OK\r\n")
            .Append("Content-Type: ").Append(contentType).Append("\r\n")
            .Append("Content-Length: ").Append(promised).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return new TruncatingServer(listener, head.Append("\r\n").ToString(), body);
    }

    private async Task ServeAsync(string head, string body)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var request = new byte[16 * 1024];
        var read = 0;
        while (!Encoding.ASCII.GetString(request, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var count = await stream.ReadAsync(request.AsMemory(read));
            if (count == 0)
            {
                return;
            }

            read += count;
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + body));
        await stream.FlushAsync();
        client.Client.Shutdown(SocketShutdown.Send);

        // Hold the socket until the client closes it, so the close never races the client's reads.
        while (await stream.ReadAsync(request) > 0)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception exception) when (exception is SocketException or IOException or ObjectDisposedException)
        {
        }
    }
}
