using System.Collections.Immutable;

namespace Playtrail.Storage.Reporting;

/// <summary>
/// The one list of measures: their column names in every rollup and fact table, and their names in the API and
/// exports. SQL column lists, upsert increments, sums and JSON fields are all generated from it, so a new measure is
/// added here and in the code that computes it from a session, nowhere else.
/// </summary>
public static class MeasureCatalog
{
    /// <summary>How many measures there are.</summary>
    public const int Count = (int)Measure.DroppedBeforeStart + 1;

    /// <summary>Every measure in declaration order (the order of columns and of <see cref="Measures"/> values).</summary>
    public static ImmutableArray<Measure> All { get; } = [.. Enum.GetValues<Measure>()];

    /// <summary>The measure's column name (snake case), e.g. <c>time_played</c>.</summary>
    public static string Column(Measure measure) => Columns[(int)measure];

    /// <summary>
    /// The measure's name in JSON and exports (camel case), e.g. <c>timePlayed</c>; <see cref="Measure.Sessions"/> is
    /// <c>starts</c> (Media Starts), as the summary has always called it.
    /// </summary>
    public static string JsonName(Measure measure) => JsonNames[(int)measure];

    /// <summary>True for measures that count things (sessions, events); false for seconds and sums of values.</summary>
    /// <remarks>
    /// No default arm: a new measure must say which it is, or the build fails (CS8509), since the API writes counts as
    /// integers and everything else as decimals.
    /// </remarks>
#pragma warning disable CS8524 // Only named values are ever passed; CS8509 still reports a named one left out.
    public static bool IsCount(Measure measure) => measure switch
    {
        Measure.Sessions or Measure.DownloadedSessions or Measure.ContentStarts or Measure.Completes
            or Measure.Progress10 or Measure.Progress25 or Measure.Progress50 or Measure.Progress75 or Measure.Progress95
            or Measure.AdStarts or Measure.ChapterStarts or Measure.PauseCount or Measure.BufferCount or Measure.StallCount
            or Measure.ErrorCount or Measure.ErrorSessions or Measure.TimeToStartSessions or Measure.DroppedBeforeStart => true,
        Measure.TimePlayed or Measure.TotalTimePlayed or Measure.UniqueTimePlayed or Measure.AverageMinuteAudience
            or Measure.PauseTime or Measure.BufferTime or Measure.StallTime or Measure.TimeToStartSum
            or Measure.BitrateWeightedSum or Measure.BitrateTime => false,
    };
#pragma warning restore CS8524

    private static readonly string[] JsonNames =
        [.. All.Select(measure => measure == Measure.Sessions ? "starts" : char.ToLowerInvariant(measure.ToString()[0]) + measure.ToString()[1..])];

    private static readonly string[] Columns = [.. All.Select(measure => SnakeCase(measure.ToString()))];

    private static string SnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var character = name[i];
            if (char.IsUpper(character) && i > 0)
            {
                builder.Append('_');
            }
            else if (char.IsDigit(character) && i > 0 && !char.IsDigit(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(character));
        }

        return builder.ToString();
    }
}
