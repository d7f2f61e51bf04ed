using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Exports;

/// <summary>One row of the sessions export: a processed session and the day it was watched in the report zone.</summary>
internal readonly record struct SessionRow(ExportedSession Session, DateOnly Day)
{
    public SessionFacts Facts => Session.Facts;
}
