using System.Globalization;
using System.Text;
using Playtrail.Client.Connectivity;
using Playtrail.Client.Offline;

// record --store PATH --sessions N --events M : records N sessions of M events, one line of output per committed call.
// upload --store PATH --server URL [--hold]   : recovers interrupted sessions and uploads until the queue is empty;
//                                               with --hold, hangs after the server answers the first upload.
var options = ParseOptions(args.Skip(1));
using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = options["store"] });
switch (args[0])
{
    case "record":
        Record(store, int.Parse(options["sessions"], CultureInfo.InvariantCulture), int.Parse(options["events"], CultureInfo.InvariantCulture));
        return 0;
    case "upload":
        return await UploadAsync(store, new Uri(options["server"]), options.ContainsKey("hold"));
    default:
        Console.Error.WriteLine("usage: record|upload ...");
        return 2;
}

static void Record(DeviceSessionStore store, int sessions, int events)
{
    for (var i = 0; i < sessions; i++)
    {
        var ts = 1_700_000_000_000 + (i * 10_000_000L);
        var start = Playtrail.Testing.Samples.SessionStart(ts, downloaded: true);
        var id = store.BeginSession("sessionStart", ts, 0, Encoding.UTF8.GetBytes(start));
        Console.WriteLine($"begun {id}");
        for (var seq = 2; seq <= events; seq++)
        {
            var eventTs = ts + (seq * 1000L);
            var type = seq == events ? "sessionComplete" : "ping";
            if (store.Append(id, type, eventTs, seq, Encoding.UTF8.GetBytes(Playtrail.Testing.Samples.Event(type, seq, eventTs))))
            {
                Console.WriteLine($"appended {id} {seq}");
            }

            Thread.Sleep(1);
        }

        store.EndSession(id);
        Console.WriteLine($"ended {id}");
    }
}

static async Task<int> UploadAsync(DeviceSessionStore store, Uri server, bool hold)
{
    Console.WriteLine($"recovered {store.RecoverInterrupted()}");
    using var http = new HttpClient(new HoldingHandler(hold));
    var uploaderOptions = new UploaderOptions { BackoffBase = TimeSpan.FromMilliseconds(100), BackoffCap = TimeSpan.FromSeconds(1) };
    await using var uploader = new SessionUploader(store, http, server, new AlwaysOnline(), uploaderOptions);
    int delivered = 0, replayed = 0;
    for (var pass = 0; pass < 100 && store.GetDiagnostics().ReadySessions > 0; pass++)
    {
        var result = await uploader.UploadReadyAsync();
        delivered += result.Delivered;
        replayed += result.Replayed;
        await Task.Delay(result.Delivered == 0 ? 100 : 0);
    }

    Console.WriteLine($"delivered {delivered} replayed {replayed} ready {store.GetDiagnostics().ReadySessions}");
    return store.GetDiagnostics().ReadySessions == 0 ? 0 : 1;
}

static Dictionary<string, string> ParseOptions(IEnumerable<string> arguments)
{
    var parsed = new Dictionary<string, string>();
    string? name = null;
    foreach (var argument in arguments)
    {
        if (argument.StartsWith("--", StringComparison.Ordinal))
        {
            name = argument[2..];
            parsed[name] = "";
        }
        else if (name is not null)
        {
            parsed[name] = argument;
        }
    }

    return parsed;
}

/// <summary>Passes requests on; with hold, never returns the first answer, so the test can kill the app after the server stored it.</summary>
internal sealed class HoldingHandler(bool hold) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Console.WriteLine($"posted {(int)response.StatusCode}");
        if (hold)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return response;
    }
}

internal sealed class AlwaysOnline : IConnectivityProbe
{
    public event EventHandler? ConnectivityChanged
    {
        add { }
        remove { }
    }

    public bool IsOnline => true;

    public void ReportRequestOutcome(bool reachedServer)
    {
    }
}
