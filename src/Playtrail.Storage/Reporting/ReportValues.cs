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
        foreach (var measure in MeasureCatalog.All)
        {
            measures[measure] = Value(measure, downloaded);
        }

        return measures;
    }

    /// <summary>
    /// The session's value of <paramref name="measure"/>. The switch has no default arm on purpose: a measure added to
    /// <see cref="Measure"/> without a value here fails the build (CS8509) rather than being summed as zero.
    /// </summary>
#pragma warning disable CS8524 // Only the catalogue's named values are passed; CS8509 still reports a named one left out.
    private double Value(Measure measure, bool downloaded) => measure switch
    {
        Measure.Sessions => 1,
        Measure.DownloadedSessions => downloaded ? 1 : 0,
        Measure.ContentStarts => Count(Play),
        Measure.Completes => Count(Complete),
        Measure.Progress10 => Count(Progress10),
        Measure.Progress25 => Count(Progress25),
        Measure.Progress50 => Count(Progress50),
        Measure.Progress75 => Count(Progress75),
        Measure.Progress95 => Count(Progress95),
        Measure.TimePlayed => TimePlayed,
        Measure.TotalTimePlayed => TotalTimePlayed,
        Measure.UniqueTimePlayed => UniqueTimePlayed,
        Measure.AverageMinuteAudience => AverageMinuteAudience ?? 0,
        Measure.AdStarts => AdCount,
        Measure.ChapterStarts => ChapterCount,
        Measure.PauseCount => PauseCount,
        Measure.PauseTime => PauseTime,
        Measure.BufferCount => BufferCount,
        Measure.BufferTime => BufferTime,
        Measure.StallCount => StallCount,
        Measure.StallTime => StallTime,
        Measure.ErrorCount => ErrorCount,
        Measure.ErrorSessions => Count(Error),
        Measure.TimeToStartSum => TimeToStart ?? 0,
        Measure.TimeToStartSessions => Count(TimeToStart.HasValue),
        // The bitrate average is weighted by time played, so sums of bitrate × time over time give the average of many.
        Measure.BitrateWeightedSum => BitrateAverage is { } bitrate ? bitrate * TimePlayed : 0,
        Measure.BitrateTime => BitrateAverage.HasValue ? TimePlayed : 0,
        Measure.DroppedBeforeStart => DropBeforeStart,
    };
#pragma warning restore CS8524

    private static double Count(bool value) => value ? 1 : 0;
}
