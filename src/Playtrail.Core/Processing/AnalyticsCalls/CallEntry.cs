namespace Playtrail.Core.Processing;

/// <summary>An analytics call as it happens during processing; the calls themselves are built once the report is known.</summary>
/// <param name="Type">One of <see cref="AnalyticsCallTypes"/> (the main close is added last, not recorded).</param>
/// <param name="Item">The ad or chapter index for ad and chapter calls.</param>
/// <param name="Ts">The <c>ts</c> of the event that made the call.</param>
internal readonly record struct CallEntry(string Type, int Item, long Ts);
