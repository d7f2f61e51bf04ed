using Playtrail.Cli.Simulation;

namespace Playtrail.Cli.Tests.Simulation;

public sealed class ScriptGeneratorTests
{
    private static readonly IReadOnlyList<SessionScript> Thousand = ScriptGenerator.Generate(seed: 7, count: 1000, downloadedShare: 0.5, daysBack: 7);

    [Fact]
    public void TheSameSeed_GivesTheSameScripts()
    {
        var first = ScriptGenerator.Generate(seed: 42, count: 50, downloadedShare: 0.3, daysBack: 7);
        var second = ScriptGenerator.Generate(seed: 42, count: 50, downloadedShare: 0.3, daysBack: 7);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Title, second[i].Title);
            Assert.Equal(first[i].StartsAgo, second[i].StartsAgo);
            Assert.Equal(first[i].Steps, second[i].Steps);
        }
    }

    [Fact]
    public void AnotherSeed_GivesOtherScripts()
    {
        var first = ScriptGenerator.Generate(seed: 1, count: 20, downloadedShare: 0, daysBack: 7);
        var second = ScriptGenerator.Generate(seed: 2, count: 20, downloadedShare: 0, daysBack: 7);

        Assert.Contains(Enumerable.Range(0, 20), i => !first[i].Steps.SequenceEqual(second[i].Steps));
    }

    [Fact]
    public void TheDownloadedShare_IsExactAndSpreadOverTheRun()
    {
        Assert.Equal(500, Thousand.Count(script => script.Downloaded));
        Assert.InRange(Thousand.Take(100).Count(script => script.Downloaded), 30, 70);
        Assert.All(Enumerable.Range(0, 8), player => Assert.InRange(Thousand.Where(s => s.Index % 8 == player).Count(s => s.Downloaded), 40, 85));
        Assert.DoesNotContain(ScriptGenerator.Generate(3, 30, 0, 7), script => script.Downloaded);
        Assert.All(ScriptGenerator.Generate(3, 30, 1, 7), script => Assert.True(script.Downloaded));
    }

    [Fact]
    public void DownloadedSessions_WereWatchedWithinTheDaysBack_AndOnlineOnesNow()
    {
        Assert.All(Thousand.Where(s => s.Downloaded), s => Assert.InRange(s.StartsAgo, TimeSpan.Zero, TimeSpan.FromDays(7)));
        Assert.All(Thousand.Where(s => !s.Downloaded), s => Assert.Equal(TimeSpan.Zero, s.StartsAgo));
    }

    [Fact]
    public void AboutSixtyPercent_Complete_AndTheRestEndEarly()
    {
        var completes = Thousand.Count(script => script.Completes);

        Assert.InRange(completes, 500, 700);
        Assert.All(Thousand, script => Assert.Contains(script.Steps[^1].Kind, new[] { StepKind.Complete, StepKind.SessionEnd }));
        Assert.DoesNotContain(Thousand, script => script.Title.IsLive && script.Completes);
    }

    [Fact]
    public void MostVideo_HasAPreRollOfOneToThreeAdsOf15To30Seconds()
    {
        var video = Thousand.Where(script => !script.Title.IsAudio).ToArray();

        Assert.InRange(video.Count(script => script.HasPreRoll) / (double)video.Length, 0.7, 0.9);
        foreach (var script in video.Where(script => script.HasPreRoll))
        {
            var breakEnd = script.Steps.ToList().FindIndex(step => step.Kind == StepKind.AdBreakComplete);
            var ads = script.Steps.Take(breakEnd).Where(step => step.Kind == StepKind.AdStart).ToArray();
            Assert.InRange(ads.Length, 1, 3);
            Assert.All(ads, ad => Assert.InRange(ad.Seconds, 15, 30));
        }
    }

    [Fact]
    public void TheRunHasEveryKindOfInterruption_SomeOfThemRarely()
    {
        int Sessions(StepKind kind) => Thousand.Count(script => script.Steps.Any(step => step.Kind == kind));

        Assert.InRange(Sessions(StepKind.ChapterStart), 300, 800);
        Assert.InRange(Sessions(StepKind.Pause), 100, 900);
        Assert.InRange(Sessions(StepKind.BufferStart), 600, 1000);
        Assert.InRange(Sessions(StepKind.Seek), 50, 600);
        Assert.InRange(Sessions(StepKind.AdSkip), 50, 500);
        Assert.InRange(Sessions(StepKind.StateStart), 200, 900);
        Assert.InRange(Sessions(StepKind.Error), 10, 300);
        Assert.InRange(Thousand.Count(script => script.Steps.Count(step => step.Kind == StepKind.Bitrate) > 1), 100, 900);
        Assert.InRange(Thousand.Count(script => script.Steps.Count(step => step.Kind == StepKind.AdBreakStart) > 1), 50, 600);
    }

    [Fact]
    public void ContentTypes_MixVodLiveSongsAndPodcasts_AndVodLastsOneToThirtyMinutes()
    {
        var types = Thousand.GroupBy(script => script.Title.ContentType).ToDictionary(group => group.Key, group => group.Count());

        Assert.Equal(["live", "podcast", "song", "vod"], types.Keys.Order());
        Assert.True(types["vod"] > types["live"] + types["song"] + types["podcast"]);
        Assert.All(Catalogue.OfType("vod"), title => Assert.InRange(title.LengthSeconds, 60, 1800));
    }

    [Fact]
    public void EveryPlayedStretch_StaysInsideTheContent()
    {
        foreach (var script in Thousand.Where(script => !script.Title.IsLive))
        {
            var position = 0.0;
            foreach (var step in script.Steps)
            {
                position = step.Kind switch
                {
                    StepKind.PlayFor => position + step.Seconds,
                    StepKind.Seek => step.Value,
                    _ => position,
                };
                Assert.InRange(position, 0, script.Title.LengthSeconds);
            }

            if (script.Completes)
            {
                Assert.Equal(script.Title.LengthSeconds, position);
            }
        }
    }
}
