using System.Text;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>What the retention and event chain tests do to a SQLite store before looking at its events.</summary>
internal static class SqliteStoreSteps
{
    /// <summary>Stores <paramref name="body"/> as a downloaded upload received at <paramref name="receivedAt"/>; returns its id.</summary>
    public static async Task<string> UploadAsync(SqliteSessionStore store, string body, DateTimeOffset receivedAt)
    {
        var events = StoreInputs.Downloaded(body);
        var session = StoreInputs.DownloadedSession(events, receivedAt);
        await store.CreateDownloadedSessionAsync(session, events, StoreInputs.Identity(body, null, receivedAt.AddDays(-1)), CancellationToken.None);
        return session.SessionId;
    }

    /// <summary>Saves a processing of <paramref name="sessionId"/>, as the processor would once it closed.</summary>
    public static async Task ProcessAsync(SqliteSessionStore store, string sessionId)
    {
        var facts = TestFacts.Of(sessionId, "movie-42", downloaded: true, TestFacts.Ts(2018, 6, 26), timePlayed: 30, lateness: 60);
        Assert.True(await store.SaveProcessedSessionAsync(
            new ProcessedSession(sessionId, Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("[]"), facts), CancellationToken.None));
    }
}
