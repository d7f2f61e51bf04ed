using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Playtrail.Server.Hosting;
using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Tests.Exports;

/// <summary>A Playtrail server on a real Kestrel port whose report store is <see cref="FakeExportStore"/>.</summary>
internal sealed class ExportServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private ExportServer(WebApplication app, string directory, Uri baseAddress)
    {
        _app = app;
        _directory = directory;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public HttpClient Client { get; }

    public static async Task<ExportServer> StartAsync(FakeExportStore store, string timeZone = "UTC", params string[] settings)
    {
        var directory = ServerInstance.NewDirectory();
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Storage:Sqlite:Path={Path.Combine(directory, "playtrail.db")}",
            "--Logging:LogLevel:Default=Warning",
            $"--Reporting:TimeZone={timeZone}",
            .. settings.Select(setting => "--" + setting),
        ];
        var app = await PlaytrailServer.BuildAsync(args, builder => builder.Services.AddSingleton<IReportStore>(store));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ExportServer(app, directory, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finalising connection; the temp folder is cleaned by the OS.
        }
    }
}
