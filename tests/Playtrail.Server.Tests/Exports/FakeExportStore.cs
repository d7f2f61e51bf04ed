using System.Runtime.CompilerServices;
using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Tests.Exports;

/// <summary>
/// A report store that answers only the export reads, from sessions made up in memory, and records what it was asked:
/// the routes' HTTP side (headers, streaming, cancellation, failures) tested without a database.
/// </summary>
internal sealed class FakeExportStore(Func<int, ExportedSession?> session, long count, int? failAfter = null) : IReportStore
{
    private int _stopped;
    private int _yielded;

    public ExportQuery? Query { get; private set; }

    public bool? IncludedCalls { get; private set; }

    /// <summary>Sessions handed out so far.</summary>
    public int Yielded => Volatile.Read(ref _yielded);

    /// <summary>The export stopped reading: the enumeration was disposed, finished or cancelled.</summary>
    public bool Stopped => Volatile.Read(ref _stopped) == 1;

    public Task<ExportCount> CountExportAsync(ExportQuery query, CancellationToken cancellationToken)
    {
        Query = query;
        return Task.FromResult(new ExportCount(count, count * 2));
    }

    public async IAsyncEnumerable<ExportedSession> ExportSessionsAsync(ExportQuery query, bool includeCalls, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IncludedCalls = includeCalls;
        try
        {
            for (var i = 0; ; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (i == failAfter)
                {
                    throw new InvalidOperationException("The database went away.");
                }

                if (session(i) is not { } next)
                {
                    yield break;
                }

                if (i % 1_000 == 0)
                {
                    // As a store reading in pages would.
                    await Task.Yield();
                }

                Interlocked.Increment(ref _yielded);
                yield return includeCalls ? next : next with { CallsJson = null };
            }
        }
        finally
        {
            Volatile.Write(ref _stopped, 1);
        }
    }

    public Task<IReadOnlyList<ReportRow>> GetReportAsync(ReportQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ArrivalCell>> GetArrivalsAsync(ReportQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<SessionListPage> ListSessionsAsync(SessionListQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ActiveSessions> GetActiveSessionsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, MediaEntry>> GetMediaAsync(IReadOnlyCollection<string> mediaIds, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task AddUploadCountsAsync(IReadOnlyList<UploadCount> counts, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<UploadCount>> GetUploadCountsAsync(long fromHour, long toHour, CancellationToken cancellationToken) => throw new NotSupportedException();
}
