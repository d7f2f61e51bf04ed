using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Reporting;

/// <summary>
/// The days and filters of a reporting request: days <see cref="From"/> to <see cref="To"/> inclusive in the report
/// zone, which are the instants <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive).
/// </summary>
internal sealed record ReportScope(DateOnly From, DateOnly To, DateTimeOffset Start, DateTimeOffset End, ReportFilter Filter);
