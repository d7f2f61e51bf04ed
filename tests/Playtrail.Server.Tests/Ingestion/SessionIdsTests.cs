using Playtrail.Server.Ingestion;

namespace Playtrail.Server.Tests.Ingestion;

/// <summary>
/// Session ids keep their documented shape (64 lowercase hex characters, unguessable) and start with their creation
/// time, so ids made later sort after ids made earlier (docs/decisions/0023-time-ordered-session-ids.md).
/// </summary>
public sealed class SessionIdsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ANewId_Is64LowercaseHexCharacters()
    {
        var id = SessionIds.New(Noon);

        Assert.Equal(64, id.Length);
        Assert.Matches("^[0-9a-f]{64}$", id);
        Assert.True(SessionIds.IsWellFormed(id));
    }

    [Fact]
    public void TheFirstTwelveDigits_AreTheCreationTimeInMilliseconds()
    {
        var id = SessionIds.New(Noon);

        Assert.Equal(Noon.ToUnixTimeMilliseconds(), Convert.ToInt64(id[..SessionIds.TimeDigits], 16));
    }

    [Fact]
    public void IdsMadeLater_SortAfterIdsMadeEarlier()
    {
        var earlier = Enumerable.Range(0, 200).Select(_ => SessionIds.New(Noon)).ToList();
        var later = Enumerable.Range(0, 200).Select(_ => SessionIds.New(Noon.AddMilliseconds(1))).ToList();

        Assert.All(earlier, early => Assert.All(later, late => Assert.True(string.CompareOrdinal(early, late) < 0)));
    }

    [Fact]
    public void IdsMadeInTheSameMillisecond_DifferInTheirRandomPart()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => SessionIds.New(Noon)).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        // 208 random bits: every one of the 52 random digits takes all sixteen values across 10,000 ids.
        for (var position = SessionIds.TimeDigits; position < SessionIds.Length; position++)
        {
            Assert.Equal(16, ids.Select(id => id[position]).Distinct().Count());
        }
    }

    [Fact]
    public void TheLastDateDotNetKnows_StillFitsTheTwelveDigits()
    {
        // 48 bits of milliseconds last until the year 10889, past the year 9999 where .NET's dates end.
        var id = SessionIds.New(DateTimeOffset.MaxValue);

        Assert.True(SessionIds.IsWellFormed(id));
        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), Convert.ToInt64(id[..SessionIds.TimeDigits], 16));
    }
}
