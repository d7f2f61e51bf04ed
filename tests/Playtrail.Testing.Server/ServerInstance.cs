using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Playtrail.Server.Hosting;
using Xunit;

namespace Playtrail.Testing;

/// <summary>A Playtrail server on a real Kestrel port with its own SQLite file, for one test class or test.</summary>
public sealed class ServerInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServerInstance(WebApplication app, string directory, Uri baseAddress)
    {
        _app = app;
        Directory = directory;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "playtrail.db");

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<ServerInstance> StartAsync(params string[] settings) => StartInAsync(NewDirectory(), settings);

    /// <summary>A fresh folder for a server's database, removed when the server is disposed.</summary>
    public static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "playtrail-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Starts a server on a fresh database whose clock is <paramref name="clock"/> (a fake one, typically).</summary>
    public static Task<ServerInstance> StartWithClockAsync(TimeProvider clock, params string[] settings) =>
        StartInAsync(NewDirectory(), builder => builder.Services.AddSingleton(clock), settings);

    /// <summary>Starts a server on the database in <paramref name="directory"/> (as a restart would find it).</summary>
    public static Task<ServerInstance> StartInAsync(string directory, params string[] settings) => StartInAsync(directory, null, settings);

    private static async Task<ServerInstance> StartInAsync(string directory, Action<WebApplicationBuilder>? configure, string[] settings)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Storage:Sqlite:Path={Path.Combine(directory, "playtrail.db")}",
            "--Logging:LogLevel:Default=Warning",
            // A slow, shared test machine can hold a write in the queue past the 1 s production budget, and a test about
            // something else must not get a shed 503 for it; tests of the budget set their own (later settings win).
            "--Ingestion:Admission:LatencyBudget=00:00:30",
            .. settings.Select(setting => "--" + setting),
        ];
        var app = await PlaytrailServer.BuildAsync(args, configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ServerInstance(app, directory, new Uri(address));
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Client.SendAsync(request);
    }

    /// <summary>Starts an online session with a valid sessionStart and returns its id.</summary>
    public async Task<string> StartSessionAsync(long ts = 1_700_000_000_000)
    {
        using var response = await PostJsonAsync("/api/v1/sessions", Playtrail.Testing.Samples.SessionStart(ts));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return SessionIdOf(response);
    }

    /// <summary>
    /// Posts a downloaded session's bytes as they are (no copy into a string, which a test counting allocations would
    /// see), expects 201 and returns the session's id.
    /// </summary>
    public async Task<string> UploadAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Client.PostAsync("/api/v1/downloaded", content);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return SessionIdOf(response);
    }

    public static string SessionIdOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? throw new InvalidOperationException("No Location header.");
        Assert.StartsWith("/api/v1/sessions/", location, StringComparison.Ordinal);
        return location["/api/v1/sessions/".Length..];
    }

    /// <summary>Counts rows straight from the SQLite file, as an operator would check.</summary>
    public long Count(string table) => Query($"SELECT COUNT(*) FROM {table}", reader => reader.GetInt64(0)).Single();

    /// <summary>Runs a read-only query straight on the SQLite file, one result per row.</summary>
    public IReadOnlyList<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>
    /// A hash of everything stored (every row of every table, read through SQLite), to show a request changed nothing.
    /// Not of the files' bytes: the store's checkpoint thread copies committed pages from the write-ahead log into the
    /// database file at any moment, which changes the files without changing what they hold.
    /// </summary>
    public string Fingerprint()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var tables = Query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", reader => reader.GetString(0));
        foreach (var table in tables)
        {
            var rows = Query($"SELECT * FROM \"{table}\"", reader =>
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
                }

                return string.Join('\u001f', fields);
            });
            hash.AppendData(Encoding.UTF8.GetBytes(table + "\u001e" + string.Join('\u001d', rows.Order(StringComparer.Ordinal)) + "\u001c"));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finalising connection; the temp folder is cleaned by the OS.
        }
    }
}
