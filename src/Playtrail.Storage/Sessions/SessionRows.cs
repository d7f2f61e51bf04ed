using System.Data.Common;
using Playtrail.Core.Events;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Storage.Sessions;

/// <summary>Reads a <see cref="SessionRow"/> from the columns of <see cref="Columns"/>, the same way for every store.</summary>
internal static class SessionRows
{
    /// <summary>The <c>sessions</c> columns a row is read from, in order.</summary>
    public const string Columns =
        "session_id, status, downloaded, media_id, media_name, content_type, media_length, resume, " +
        "first_ts, last_ts, event_count, received_at, last_event_at, closed_at, close_reason";

    /// <summary>Reads the row at columns 0 to 14.</summary>
    public static SessionRow Read(DbDataReader reader)
    {
        var start = new SessionStartSummary(
            MediaId: reader.GetString(3),
            MediaName: reader.IsDBNull(4) ? null : reader.GetString(4),
            ContentType: reader.GetString(5),
            Length: reader.GetDouble(6),
            Resume: reader.GetBoolean(7));
        return new SessionRow(
            SessionId: reader.GetString(0),
            Status: SessionStatusText.Parse(reader.GetString(1)),
            Downloaded: reader.GetBoolean(2),
            Start: start,
            FirstEventTs: reader.GetInt64(8),
            LastEventTs: reader.GetInt64(9),
            EventCount: reader.GetInt32(10),
            ReceivedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
            LastEventAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)),
            ClosedAt: reader.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
            CloseReason: reader.IsDBNull(14) ? null : CloseReasonText.Parse(reader.GetString(14)));
    }
}
