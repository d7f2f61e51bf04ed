using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Core.Events;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Tests.Sessions;
using Playtrail.Testing;

namespace Playtrail.Storage.Tests.Reporting;

/// <summary>
/// What every <see cref="IReportStore"/> must answer, written once against the interface with expectations worked out by
/// hand, and run on each store by a sealed class that supplies its <see cref="SessionStoreHarness"/>. Split by feature
/// across the <c>ReportStoreContract.*.cs</c> files.
/// </summary>
public abstract partial class ReportStoreContract : IAsyncLifetime
{
    private static readonly byte[] CallsJson = Encoding.UTF8.GetBytes("[{\"call\":1},{\"call\":2},{\"call\":3}]");

    private SessionStoreHarness? _harness;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    protected ISessionStore Store { get; private set; } = null!;

    protected IReportStore Reports => (IReportStore)Store;

    protected static CancellationToken None => CancellationToken.None;

    protected static TimeZoneInfo Paris { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public async Task InitializeAsync()
    {
        _harness = CreateHarness();
        Store = await _harness.OpenAsync(Time);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    protected abstract SessionStoreHarness CreateHarness();

    /// <summary>Stores a closed session and processes it with <paramref name="facts"/>, as the server would.</summary>
    protected async Task SaveAsync(SessionFacts facts)
    {
        var body = $"[{Samples.SessionStart(facts.FirstEventTs, downloaded: true)},{Samples.Event("sessionEnd", 0, facts.FirstEventTs + 1_000)}]";
        var events = StoreInputs.Downloaded(body);
        var session = new NewSession(facts.SessionId, facts.Downloaded,
            new SessionStartSummary(facts.MediaId, facts.MediaName, facts.ContentType, facts.MediaLength, false), facts.ReceivedAt);
        var identity = new UploadIdentity(facts.SessionId, SHA256.HashData(Encoding.UTF8.GetBytes(body)), facts.ReceivedAt.AddDays(-1));
        Assert.Equal(DownloadedOutcomeKind.Created, (await Store.CreateDownloadedSessionAsync(session, events, identity, None)).Kind);
        Assert.True(await Store.SaveProcessedSessionAsync(new ProcessedSession(facts.SessionId, Encoding.UTF8.GetBytes("{}"), CallsJson, facts), None));
    }

    /// <summary>Saves many sessions at once, so that group commit (SQLite) or the pool (PostgreSQL) keeps set-up short.</summary>
    protected async Task SaveAllAsync(IEnumerable<SessionFacts> facts)
    {
        foreach (var chunk in facts.Chunk(200))
        {
            await Task.WhenAll(chunk.Select(SaveAsync));
        }
    }

    protected Task<IReadOnlyList<ReportRow>> ReportAsync(
        string from, string to, TimeZoneInfo zone, ReportGrouping groupBy, ReportFilter? filter = null) =>
        Reports.GetReportAsync(new ReportQuery(Day(from), Day(to), zone, groupBy, filter ?? ReportFilter.None), None);

    /// <summary>Each row as (key, sessions, time played): the two measures the expectations are written in.</summary>
    protected static IEnumerable<(string Key, double Sessions, double TimePlayed)> Summary(IReadOnlyList<ReportRow> rows) =>
        rows.Select(row => (row.Key, row.Measures[Measure.Sessions], row.Measures[Measure.TimePlayed]));

    protected static DateOnly Day(string day) => DateOnly.Parse(day, CultureInfo.InvariantCulture);

    protected static long Utc(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    protected static string Id(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
}
