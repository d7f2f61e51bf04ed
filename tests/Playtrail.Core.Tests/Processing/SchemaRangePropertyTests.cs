using System.Text;
using System.Text.Json;
using CsCheck;
using Playtrail.Core.Events;
using Playtrail.Core.Processing;
using Playtrail.Core.Processing.Timeline;
using Playtrail.Core.Validation;
using Playtrail.Testing;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// One source of truth for value ranges: sessions generated from the published schemas' full ranges
/// (<see cref="SchemaSessions"/>) pass validation, and then processing and every JSON writer succeed, whatever
/// order the events are in and however the session closes.
/// </summary>
public sealed class SchemaRangePropertyTests
{
    private const long Iterations = 400;

    [Fact]
    public void AnySessionTheSchemasAllow_IsValidProcessedAndWrittenWithFiniteNumbers()
    {
        Gen.Select(SchemaSessions.Downloaded, Gen.Enum<SessionCloseKind>()).Sample((json, close) =>
        {
            var body = Encoding.UTF8.GetBytes(json);
            var parsed = new List<ParsedEvent>();
            var errors = new ErrorCollector();
            var result = PayloadValidator.Validate(body, IngestionRoute.Downloaded, parsed, errors);
            Assert.True(result.IsValid, "the schemas allow what the validator refuses: " + string.Join("; ", errors.Errors.Select(e => $"{e.Pointer} [{e.Rule}] {e.Message}")));

            var events = parsed.ConvertAll(e => new SessionEvent(e.Type, e.Ts, e.Playhead, e.Json(body)));
            var context = new SessionContext(SessionEvents.SessionId, Downloaded: close == SessionCloseKind.EndOfArray, close,
                close == SessionCloseKind.Idle ? 600 : null);
            var report = SessionProcessor.Process(events, context);
            var header = new ReportHeader(SessionEvents.SessionId, "ended", context.Downloaded, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

            AssertFinite(SessionReportJson.ToUtf8Bytes(report, header));
            AssertFinite(AnalyticsCallsJson.ToUtf8Bytes(report.Calls));
            AssertFinite(SessionTimelineJson.ToUtf8Bytes(SessionTimeline.Build(events, context)));
            Assert.True(report.FirstEventTs <= report.LastEventTs);
            Assert.InRange(report.LastEventTs, ValueRanges.MinTimestamp, ValueRanges.MaxTimestamp);
        }, iter: Iterations);
    }

    /// <summary>The writers refuse non-finite numbers, so reaching here already says much; this also reads each one back.</summary>
    private static void AssertFinite(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement);

        static void Walk(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Number:
                    Assert.True(double.IsFinite(element.GetDouble()), element.GetRawText());
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Walk(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
            }
        }
    }
}
