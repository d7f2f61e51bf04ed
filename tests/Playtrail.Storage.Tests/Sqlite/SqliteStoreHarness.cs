using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>A SQLite database file in a fresh temporary directory, removed when the harness is disposed.</summary>
public sealed class SqliteStoreHarness : SessionStoreHarness
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "playtrail-tests", Guid.NewGuid().ToString("N"));
    private readonly Action<SqliteStoreOptions>? _configure;
    private readonly List<SqliteSessionStore> _opened = [];

    public SqliteStoreHarness(Action<SqliteStoreOptions>? configure = null)
    {
        _configure = configure;
        // A directory below the temporary one, so every test also shows the store creating it.
        Path = System.IO.Path.Combine(_directory, "data", "playtrail.db");
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public override async Task<ISessionStore> OpenAsync(TimeProvider timeProvider) => await OpenSqliteAsync(timeProvider);

    public async Task<SqliteSessionStore> OpenSqliteAsync(TimeProvider timeProvider)
    {
        var store = Create(timeProvider);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A store on the harness's file, not yet initialized.</summary>
    public SqliteSessionStore Create(TimeProvider timeProvider)
    {
        var options = new SqliteStoreOptions { Path = Path };
        _configure?.Invoke(options);
        var store = new SqliteSessionStore(Options.Create(options), timeProvider, NullLogger<SqliteSessionStore>.Instance);
        _opened.Add(store);
        return store;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
