using Playtrail.Storage.Sessions;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Server.Exports;

/// <summary>
/// The columns of <c>GET /api/v1/exports/sessions</c>, in order: what the session is and when it happened, then every
/// measure of <see cref="MeasureCatalog"/> by its JSON name (counts as whole numbers, seconds and sums as numbers), so a
/// measure added to the catalogue is exported without touching this file.
/// </summary>
internal static class SessionColumns
{
    public static IReadOnlyList<ExportColumn<SessionRow>> All { get; } = Create();

    private static List<ExportColumn<SessionRow>> Create()
    {
        List<ExportColumn<SessionRow>> columns =
        [
            ExportColumn<SessionRow>.Text("sessionId", row => row.Facts.SessionId),
            ExportColumn<SessionRow>.Date("day", row => row.Day),
            ExportColumn<SessionRow>.Boolean("downloaded", row => row.Facts.Downloaded),
            ExportColumn<SessionRow>.Text("status", row => SessionStatusText.Name(row.Facts.Status)),
            ExportColumn<SessionRow>.Text("closeReason", row => CloseReasonText.Name(row.Facts.CloseReason)),
            ExportColumn<SessionRow>.Text("mediaId", row => row.Facts.MediaId),
            ExportColumn<SessionRow>.NullableText("mediaName", row => row.Facts.MediaName),
            ExportColumn<SessionRow>.Text("contentType", row => row.Facts.ContentType),
            ExportColumn<SessionRow>.Double("mediaLength", row => row.Facts.MediaLength),
            ExportColumn<SessionRow>.Int64("firstEventTs", row => row.Facts.FirstEventTs),
            ExportColumn<SessionRow>.Int64("lastEventTs", row => row.Facts.LastEventTs),
            ExportColumn<SessionRow>.Timestamp("receivedAt", row => row.Facts.ReceivedAt),
            ExportColumn<SessionRow>.Timestamp("closedAt", row => row.Facts.ClosedAt),
            ExportColumn<SessionRow>.Timestamp("processedAt", row => row.Session.ProcessedAt),
            ExportColumn<SessionRow>.Int64("eventCount", row => row.Facts.EventCount),
            ExportColumn<SessionRow>.Int64("ignoredEventCount", row => row.Facts.IgnoredEventCount),
            ExportColumn<SessionRow>.Int64("callCount", row => row.Facts.CallCount),
            ExportColumn<SessionRow>.NullableDouble("latenessSeconds", row => row.Facts.LatenessSeconds),
        ];
        foreach (var measure in MeasureCatalog.All)
        {
            var name = MeasureCatalog.JsonName(measure);
            columns.Add(MeasureCatalog.IsCount(measure)
                ? ExportColumn<SessionRow>.Int64(name, row => (long)row.Facts.Measures[measure])
                : ExportColumn<SessionRow>.Double(name, row => row.Facts.Measures[measure]));
        }

        return columns;
    }
}
