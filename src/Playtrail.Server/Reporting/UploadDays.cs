using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Reporting;

/// <summary>Upload outcome counts of one day received, in the report zone.</summary>
internal sealed record UploadDay(DateOnly Day, long Accepted, long Repeated, IReadOnlyDictionary<string, long> RefusedBy);

/// <summary>Folds hourly upload counts into days of the report zone (an hour belongs to the day its start is in).</summary>
internal static class UploadDays
{
    public static IReadOnlyList<UploadDay> Group(IReadOnlyList<UploadCount> counts, ReportZone zone)
    {
        var days = new SortedDictionary<DateOnly, (long Accepted, long Repeated, Dictionary<string, long> RefusedBy)>();
        foreach (var count in counts)
        {
            var day = zone.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(count.Hour * 3_600_000));
            var entry = days.TryGetValue(day, out var existing) ? existing : (0, 0, new Dictionary<string, long>(StringComparer.Ordinal));
            switch (count.Outcome)
            {
                case UploadOutcomes.Accepted:
                    entry.Accepted += count.Count;
                    break;
                case UploadOutcomes.Repeated:
                    entry.Repeated += count.Count;
                    break;
                default:
                    entry.RefusedBy[count.Reason] = entry.RefusedBy.GetValueOrDefault(count.Reason) + count.Count;
                    break;
            }

            days[day] = entry;
        }

        return [.. days.Select(entry => new UploadDay(entry.Key, entry.Value.Accepted, entry.Value.Repeated, entry.Value.RefusedBy))];
    }
}
