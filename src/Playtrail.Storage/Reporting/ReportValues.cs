namespace Playtrail.Storage.Reporting;

/// <summary>
/// The values of one session report that its measures are computed from, as the report names them. Read from the
/// processor's report when a session is processed, and from the stored report JSON when a migration rebuilds facts;
/// <see cref="ToMeasures"/> is the one rule turning them into a session's contribution.
/// </summary>
internal readonly record struct ReportValues
{
    public bool Play { get; init; }
    public bool Complete { get; init; }
    public bool Progress10 { get; init; }
    public bool Progress25 { get; init; }
    public bool Progress50 { get; init; }
    public bool Progress75 { get; init; }
    public bool Progress95 { get; init; }
    public double TimePlayed { get; init; }
    public double TotalTimePlayed { get; init; }
    public double UniqueTimePlayed { get; init; }
    public double? AverageMinuteAudience { get; init; }
    public int AdCount { get; init; }
    public int ChapterCount { get; init; }
    public int PauseCount { get; init; }
    public double PauseTime { get; init; }
    public int DropBeforeStart { get; init; }
    public double? TimeToStart { get; init; }
    public double? BitrateAverage { get; init; }
    public int BufferCount { get; init; }
    public double BufferTime { get; init; }
    public int StallCount { get; init; }
    public double StallTime { get; init; }
    public int ErrorCount { get; init; }
    public bool Error { get; init; }

    /// <summary>The session's contribution to every measure (docs/reporting.md, "Measures").</summary>
    public Measures ToMeasures(bool downloaded)
    {
        var measures = new Measures();
        measures[Measure.Sessions] = 1;
        measures[Measure.DownloadedSessions] = downloaded ? 1 : 0;
        measures[Measure.ContentStarts] = Count(Play);
        measures[Measure.Completes] = Count(Complete);
        measures[Measure.Progress10] = Count(Progress10);
        measures[Measure.Progress25] = Count(Progress25);
        measures[Measure.Progress50] = Count(Progress50);
        measures[Measure.Progress75] = Count(Progress75);
        measures[Measure.Progress95] = Count(Progress95);
        measures[Measure.TimePlayed] = TimePlayed;
        measures[Measure.TotalTimePlayed] = TotalTimePlayed;
        measures[Measure.UniqueTimePlayed] = UniqueTimePlayed;
        measures[Measure.AverageMinuteAudience] = AverageMinuteAudience ?? 0;
        measures[Measure.AdStarts] = AdCount;
        measures[Measure.ChapterStarts] = ChapterCount;
        measures[Measure.PauseCount] = PauseCount;
        measures[Measure.PauseTime] = PauseTime;
        measures[Measure.BufferCount] = BufferCount;
        measures[Measure.BufferTime] = BufferTime;
        measures[Measure.StallCount] = StallCount;
        measures[Measure.StallTime] = StallTime;
        measures[Measure.ErrorCount] = ErrorCount;
        measures[Measure.ErrorSessions] = Count(Error);
        measures[Measure.TimeToStartSum] = TimeToStart ?? 0;
        measures[Measure.TimeToStartSessions] = Count(TimeToStart.HasValue);
        // The bitrate average is weighted by time played, so sums of bitrate × time over time give the average of many.
        measures[Measure.BitrateWeightedSum] = BitrateAverage is { } bitrate ? bitrate * TimePlayed : 0;
        measures[Measure.BitrateTime] = BitrateAverage.HasValue ? TimePlayed : 0;
        measures[Measure.DroppedBeforeStart] = DropBeforeStart;
        return measures;
    }

    private static double Count(bool value) => value ? 1 : 0;
}
