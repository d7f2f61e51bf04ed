using System.Globalization;

namespace Playtrail.Cli.Simulation;

/// <summary>
/// The content simulated viewers pick from: series episodes and films (vod, 1 to 30 minutes), live channels,
/// songs and podcast episodes. Built from a fixed seed, so the same ids appear in every run whatever <c>--seed</c> is.
/// </summary>
internal static class Catalogue
{
    private const int CatalogueSeed = 20_26;

    private static readonly string[] Shows = ["Harbour Lights", "The Night Desk", "Orbit", "Small Kitchens", "Cold Case Files"];
    private static readonly string[] Genres = ["Drama", "Comedy", "Documentary", "Cooking", "Crime", "Science"];
    private static readonly string[] Channels = ["News 24", "Sports One", "Music Live"];
    private static readonly string[] Albums = ["Night Drive", "Paper Boats"];
    private static readonly string[] Podcasts = ["Tech Weekly", "History Hour"];

    /// <summary>Every title, video first.</summary>
    public static IReadOnlyList<CatalogueTitle> Titles { get; } = Build();

    /// <summary>The titles of one content type.</summary>
    public static IReadOnlyList<CatalogueTitle> OfType(string contentType) => Titles.Where(title => title.ContentType == contentType).ToArray();

    private static CatalogueTitle[] Build()
    {
        var random = new Random(CatalogueSeed);
        var titles = new List<CatalogueTitle>();
        foreach (var (show, s) in Shows.Select((show, s) => (show, s)))
        {
            for (var episode = 1; episode <= 6; episode++)
            {
                titles.Add(new CatalogueTitle(
                    Id(s + 1, episode), $"{show} – Episode {episode}", random.Next(8 * 60, 30 * 60 + 1), "vod", show, episode, Genres[s % Genres.Length]));
            }
        }

        for (var film = 1; film <= 6; film++)
        {
            titles.Add(new CatalogueTitle(
                string.Create(CultureInfo.InvariantCulture, $"film-{film:D3}"), $"Short Film {film}", random.Next(60, 20 * 60 + 1), "vod", "Shorts", null,
                Genres[film % Genres.Length]));
        }

        foreach (var (channel, c) in Channels.Select((channel, c) => (channel, c)))
        {
            titles.Add(new CatalogueTitle(string.Create(CultureInfo.InvariantCulture, $"live-{c + 1}"), channel, 86_400, "live", channel, null, "Live"));
        }

        foreach (var (album, a) in Albums.Select((album, a) => (album, a)))
        {
            for (var track = 1; track <= 8; track++)
            {
                titles.Add(new CatalogueTitle(
                    string.Create(CultureInfo.InvariantCulture, $"song-{a + 1}-{track:D2}"), $"{album} Track {track}", random.Next(150, 6 * 60 + 1), "song",
                    album, track, "Pop"));
            }
        }

        foreach (var (podcast, p) in Podcasts.Select((podcast, p) => (podcast, p)))
        {
            for (var episode = 1; episode <= 5; episode++)
            {
                titles.Add(new CatalogueTitle(
                    string.Create(CultureInfo.InvariantCulture, $"podcast-{p + 1}-{episode:D2}"), $"{podcast} #{episode}", random.Next(10 * 60, 30 * 60 + 1),
                    "podcast", podcast, episode, "Talk"));
            }
        }

        return [.. titles];
    }

    private static string Id(int show, int episode) => string.Create(CultureInfo.InvariantCulture, $"show-{show:D2}-ep-{episode:D2}");
}
