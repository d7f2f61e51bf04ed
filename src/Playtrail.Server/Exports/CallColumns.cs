namespace Playtrail.Server.Exports;

/// <summary>
/// The columns of <c>GET /api/v1/exports/calls</c>, one row per analytics call, shaped for a bulk loader: the keys of
/// the call and of its session, then the context data. Context data keys differ by call type (content, ad, chapter,
/// close metrics, player states, custom metadata), so a column per key would be sparse and unbounded; it stays one JSON
/// object (nested in NDJSON, JSON text in CSV and Parquet), and only <c>itemId</c>, <c>timePlayed</c> and
/// <c>complete</c>, which every close call has under a type-specific key, are promoted to typed columns.
/// </summary>
internal static class CallColumns
{
    public static IReadOnlyList<ExportColumn<CallRow>> All { get; } =
    [
        ExportColumn<CallRow>.Text("sessionId", row => row.Session.Facts.SessionId),
        ExportColumn<CallRow>.Int64("callIndex", row => row.Index),
        ExportColumn<CallRow>.Text("type", row => row.Type),
        ExportColumn<CallRow>.NullableInt64("ts", row => row.Ts),
        ExportColumn<CallRow>.NullableTimestamp("tsUtc", row => row.Ts is { } ts ? DateTimeOffset.FromUnixTimeMilliseconds(ts) : null),
        ExportColumn<CallRow>.Boolean("downloaded", row => row.Session.Facts.Downloaded),
        ExportColumn<CallRow>.Text("mediaId", row => row.Session.Facts.MediaId),
        ExportColumn<CallRow>.Text("contentType", row => row.Session.Facts.ContentType),
        ExportColumn<CallRow>.Date("day", row => row.Session.Day),
        ExportColumn<CallRow>.NullableText("itemId", row => row.ItemId),
        ExportColumn<CallRow>.NullableDouble("timePlayed", row => row.TimePlayed),
        ExportColumn<CallRow>.NullableBoolean("complete", row => row.Complete),
        ExportColumn<CallRow>.Json("contextData", row => row.ContextData),
    ];
}
