using System.Globalization;

namespace Playtrail.Cli.Simulation;

/// <summary>
/// Draws realistic sessions: a title, a pre-roll for most video, chapters with mid-rolls between some, pauses,
/// startup buffering and rebuffers, bitrate changes, player states, rare errors, some seeks and ad skips; about
/// 60 % watch to the end, the rest leave early. Pure: the same seed and index always give the same script.
/// </summary>
internal static class ScriptGenerator
{
    private static readonly IReadOnlyList<CatalogueTitle> Vod = Catalogue.OfType("vod");
    private static readonly IReadOnlyList<CatalogueTitle> Live = Catalogue.OfType("live");
    private static readonly IReadOnlyList<CatalogueTitle> Songs = Catalogue.OfType("song");
    private static readonly IReadOnlyList<CatalogueTitle> Podcasts = Catalogue.OfType("podcast");
    private static readonly int[] Bitrates = [800, 1_500, 3_000, 4_500, 6_000];

    /// <summary>The scripts of a whole run: <paramref name="count"/> sessions, a seeded random choice of them downloaded.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="count">Sessions.</param>
    /// <param name="downloadedShare">Share of downloaded sessions, 0 to 1; exactly round(count × share) are downloaded.</param>
    /// <param name="daysBack">Downloaded sessions were watched up to this many days before the run.</param>
    public static IReadOnlyList<SessionScript> Generate(int seed, int count, double downloadedShare, int daysBack)
    {
        // Exactly round(count × share) downloaded, at seeded random places so every player gets some of each kind.
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        var downloaded = new bool[count];
        foreach (var index in order.Take((int)Math.Round(count * downloadedShare)))
        {
            downloaded[index] = true;
        }

        var scripts = new SessionScript[count];
        for (var index = 0; index < count; index++)
        {
            scripts[index] = Generate(seed, index, downloaded[index], daysBack);
        }

        return scripts;
    }

    /// <summary>One session's script; depends only on the arguments.</summary>
    public static SessionScript Generate(int seed, int index, bool downloaded, int daysBack)
    {
        // Per-session generators, so a script does not depend on how many came before it or on thread timing.
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var title = PickTitle(random);
        var startsAgo = downloaded ? TimeSpan.FromSeconds(random.NextDouble() * daysBack * 86_400) : TimeSpan.Zero;
        var steps = new List<ScriptStep>();
        var completes = !title.IsLive && random.NextDouble() < (title.ContentType == "song" ? 0.75 : 0.64);
        var watchUntil = title.IsLive
            ? random.Next(5 * 60, 40 * 60)
            : completes ? title.LengthSeconds : Math.Max(5, (int)(title.LengthSeconds * (0.05 + (0.9 * random.NextDouble()))));

        Start(random, title, steps);
        var chapters = Chapters(random, title);
        var position = 0;
        for (var chapter = 0; chapter < chapters.Count && position < watchUntil; chapter++)
        {
            var (offset, length) = chapters[chapter];
            if (chapter > 0 && random.NextDouble() < 0.5 && !title.IsAudio)
            {
                steps.Add(new ScriptStep(StepKind.ChapterComplete));
                AdBreak(random, steps, podIndex: chapter, podSecond: offset);
                steps.Add(new ScriptStep(StepKind.Play));
            }
            else if (chapter > 0)
            {
                steps.Add(new ScriptStep(StepKind.ChapterComplete));
            }

            if (chapters.Count > 1)
            {
                steps.Add(new ScriptStep(StepKind.ChapterStart, Seconds: length, Number: chapter + 1, Value: offset, Text: $"Part {chapter + 1}"));
            }

            position = Math.Max(position, offset);
            position = PlayChapter(random, title, steps, position, Math.Min(offset + length, watchUntil));
        }

        if (completes)
        {
            if (chapters.Count > 1)
            {
                steps.Add(new ScriptStep(StepKind.ChapterComplete));
            }

            steps.Add(new ScriptStep(StepKind.Complete));
        }
        else
        {
            steps.Add(new ScriptStep(StepKind.SessionEnd));
        }

        return new SessionScript(index, title, downloaded, startsAgo, steps);
    }

    private static CatalogueTitle PickTitle(Random random)
    {
        var kind = random.NextDouble();
        var list = kind < 0.68 ? Vod : kind < 0.78 ? Live : kind < 0.90 ? Songs : Podcasts;
        return list[random.Next(list.Count)];
    }

    /// <summary>Startup: initial bitrate, states, startup buffering, the pre-roll, then play.</summary>
    private static void Start(Random random, CatalogueTitle title, List<ScriptStep> steps)
    {
        steps.Add(new ScriptStep(StepKind.Bitrate, Number: title.IsAudio ? 256 : Bitrates[random.Next(1, Bitrates.Length)]));
        if (!title.IsAudio && random.NextDouble() < 0.35)
        {
            steps.Add(new ScriptStep(StepKind.StateStart, Text: "fullscreen"));
        }

        if (random.NextDouble() < 0.7)
        {
            steps.Add(new ScriptStep(StepKind.BufferStart));
            steps.Add(new ScriptStep(StepKind.Wait, Seconds: random.Next(1, 4)));
            steps.Add(new ScriptStep(StepKind.BufferComplete));
        }

        var preRollShare = title.ContentType switch { "song" => 0.1, "podcast" => 0.5, _ => 0.8 };
        if (random.NextDouble() < preRollShare)
        {
            AdBreak(random, steps, podIndex: 0, podSecond: 0);
        }

        steps.Add(new ScriptStep(StepKind.Play));
    }

    private static void AdBreak(Random random, List<ScriptStep> steps, int podIndex, int podSecond)
    {
        steps.Add(new ScriptStep(StepKind.AdBreakStart, Number: podIndex, Value: podSecond, Text: podIndex == 0 ? "pre-roll" : "mid-roll"));
        var ads = random.Next(1, 4);
        for (var position = 1; position <= ads; position++)
        {
            var length = random.Next(15, 31);
            var id = string.Create(CultureInfo.InvariantCulture, $"ad-{random.Next(1, 41):D3}");
            steps.Add(new ScriptStep(StepKind.AdStart, Seconds: length, Number: position, Text: id));
            if (random.NextDouble() < 0.15)
            {
                steps.Add(new ScriptStep(StepKind.AdPlay, Seconds: random.Next(5, Math.Min(length, 11))));
                steps.Add(new ScriptStep(StepKind.AdSkip));
            }
            else
            {
                steps.Add(new ScriptStep(StepKind.AdPlay, Seconds: length));
                steps.Add(new ScriptStep(StepKind.AdComplete));
            }
        }

        steps.Add(new ScriptStep(StepKind.AdBreakComplete));
    }

    /// <summary>Chapters as (offset, length): 2 to 4 for vod and podcasts of five minutes or more, else one covering everything.</summary>
    private static List<(int Offset, int Length)> Chapters(Random random, CatalogueTitle title)
    {
        var total = title.IsLive ? 86_400 : title.LengthSeconds;
        var count = title.ContentType is "vod" or "podcast" && total >= 300 ? random.Next(2, 5) : 1;
        var chapters = new List<(int, int)>(count);
        var offset = 0;
        for (var chapter = 0; chapter < count; chapter++)
        {
            var length = chapter == count - 1 ? total - offset : (total / count) + random.Next(-(total / (count * 5)), (total / (count * 5)) + 1);
            chapters.Add((offset, length));
            offset += length;
        }

        return chapters;
    }

    /// <summary>Plays from <paramref name="position"/> to <paramref name="end"/> in stretches, with interruptions between them.</summary>
    private static int PlayChapter(Random random, CatalogueTitle title, List<ScriptStep> steps, int position, int end)
    {
        while (position < end)
        {
            var stretch = Math.Min(end - position, random.Next(20, 181));
            steps.Add(new ScriptStep(StepKind.PlayFor, Seconds: stretch));
            position += stretch;
            if (position >= end)
            {
                break;
            }

            var roll = random.NextDouble();
            if (roll < 0.07)
            {
                steps.Add(new ScriptStep(StepKind.Pause));
                steps.Add(new ScriptStep(StepKind.Wait, Seconds: random.Next(3, 121)));
                steps.Add(new ScriptStep(StepKind.Play));
            }
            else if (roll < 0.14)
            {
                steps.Add(new ScriptStep(StepKind.BufferStart));
                steps.Add(new ScriptStep(StepKind.Wait, Seconds: random.Next(1, 9)));
                steps.Add(new ScriptStep(StepKind.BufferComplete));
            }
            else if (roll < 0.24 && !title.IsAudio)
            {
                steps.Add(new ScriptStep(StepKind.Bitrate, Number: Bitrates[random.Next(Bitrates.Length)]));
            }
            else if (roll < 0.28 && !title.IsLive && end - position > 30)
            {
                var target = position + random.Next(10, Math.Min(end - position, 121));
                steps.Add(new ScriptStep(StepKind.Seek, Value: target));
                position = target;
            }
            else if (roll < 0.32)
            {
                var state = title.IsAudio || random.NextDouble() < 0.5 ? "mute" : "closedCaptioning";
                steps.Add(new ScriptStep(StepKind.StateStart, Text: state));
                var during = Math.Min(end - position, random.Next(10, 61));
                steps.Add(new ScriptStep(StepKind.PlayFor, Seconds: during));
                position += during;
                steps.Add(new ScriptStep(StepKind.StateEnd, Text: state));
            }
            else if (roll < 0.33)
            {
                steps.Add(new ScriptStep(StepKind.Error, Text: random.NextDouble() < 0.5 ? "decoder-stall" : "network-timeout"));
            }
        }

        return position;
    }
}
