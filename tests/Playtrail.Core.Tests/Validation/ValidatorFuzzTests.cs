using CsCheck;
using Playtrail.Core.Events;
using Playtrail.Core.Processing;
using Playtrail.Core.Validation;
using Playtrail.Testing;

namespace Playtrail.Core.Tests.Validation;

/// <summary>
/// A fuzz run with a fixed seed and budget over the validator: mutated corpus bodies (<see cref="FuzzBodies"/>) sent
/// to every route never make it throw, and whatever it accepts the processor and the JSON writers handle.
/// </summary>
public sealed class ValidatorFuzzTests
{
    private const ulong Seed = 11;

    private const int Count = 20_000;

    private static readonly ReportHeader Header = new(new string('0', 64), "ended", true, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public void CorpusSamples_AreEachValidOrRefusedWithoutThrowing()
    {
        Assert.True(FuzzBodies.Corpus.Count >= 10, "the committed corpus is copied next to the tests");
        foreach (var (name, body) in FuzzBodies.Corpus)
        {
            foreach (var route in Enum.GetValues<IngestionRoute>())
            {
                CheckOne(body, route, name);
            }
        }
    }

    [Fact]
    public void MutatedBodies_OnEveryRoute_AreValidOrRefusedWithoutThrowing()
    {
        var index = 0;
        foreach (var (body, route) in FixedSamples.Draw(Gen.Select(FuzzBodies.Mutated, Gen.Enum<IngestionRoute>()), Seed, Count))
        {
            try
            {
                CheckOne(body, route, "mutated");
            }
            catch (Exception exception)
            {
                throw new InvalidOperationException($"Sample {index} on {route} failed; body (base64): {Convert.ToBase64String(body)}", exception);
            }

            index++;
        }
    }

    private static void CheckOne(byte[] body, IngestionRoute route, string name)
    {
        var parsed = new List<ParsedEvent>();
        var errors = new ErrorCollector();
        var result = PayloadValidator.Validate(body, route, parsed, errors);
        if (!result.IsValid)
        {
            Assert.False(errors.IsEmpty, name + ": refused without saying why");
            Assert.All(errors.Errors, error => Assert.False(string.IsNullOrEmpty(error.Rule)));
            return;
        }

        var events = parsed.ConvertAll(e => new SessionEvent(e.Type, e.Ts, e.Playhead, e.Json(body)));
        var report = SessionProcessor.Process(events, new SessionContext(Header.SessionId, route != IngestionRoute.Events, SessionCloseKind.End));
        Assert.NotEmpty(SessionReportJson.ToUtf8Bytes(report, Header));
        Assert.NotEmpty(AnalyticsCallsJson.ToUtf8Bytes(report.Calls));
    }
}
