using Playtrail.BenchmarkData;
using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Benchmarks;

/// <summary>
/// One million processed sessions watched over the last 30 days, drawn from a fixed seed, stored the way a running
/// server stores them: each session's row is written closed and unprocessed, then the session goes through the store's
/// own <see cref="SqliteSessionStore.SaveProcessedSessionAsync"/> (the single writer, group commit, the processing
/// transaction that writes its facts, rollups, arrival cell and catalogue entry). Building it takes minutes, so the
/// file is kept in the temporary folder under a name that holds <see cref="Version"/>, and every benchmark process
/// reuses it; bump the version when the write path changes.
/// </summary>
internal static class SummaryDataSet
{
    public const int Sessions = 1_000_000;
    public const int OpenSessions = 2_000;
    public const int DayCount = 30;
    public const int MediaCount = 2_000;
    public const int Seed = 20_261_204;
    public const string Version = "reporting-4";

    /// <summary>The newest day watched; fixed rather than read from the clock so every run builds the same file.</summary>
    public static readonly DateOnly LastDay = new(2026, 6, 30);

    public static readonly DateOnly FirstDay = LastDay.AddDays(-(DayCount - 1));

    private const int Chunk = 10_000;
    private const double DownloadedShare = 0.5;
    private const double ContentStartShare = 0.9;
    private const double CompleteShare = 0.4;
    private const double MinimumLatenessSeconds = 60;
    private const double MaximumLatenessSeconds = 28 * 86_400;
    private const double MedianLatenessSeconds = 3_600;
    private const double LatenessLogSpread = 2.0;

    private static readonly (string Name, double Share)[] ContentTypes =
    [
        ("vod", 0.45), ("live", 0.15), ("linear", 0.15), ("podcast", 0.15), ("song", 0.10),
    ];

    private static readonly byte[] ReportJson = Encoding.UTF8.GetBytes("{}");
    private static readonly byte[] CallsJson = Encoding.UTF8.GetBytes("[]");

    /// <summary>The cached database, built on first use.</summary>
    public static string Path => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "playtrail-bench", $"summary-{Version}-{Seed}-{Sessions}.db");

    /// <summary>Builds the file at <see cref="Path"/> unless a complete one is there, and returns its path.</summary>
    public static string EnsureBuilt()
    {
        if (File.Exists(Path))
        {
            return Path;
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        // Built under another name and renamed once complete, so an interrupted build is never taken for a data set.
        var building = Path + $".building-{Environment.ProcessId}";
        Build(building);
        File.Move(building, Path);
        return Path;
    }

    /// <summary>
    /// Builds the data set at <paramref name="path"/>: the benchmarks' 30 days, or the same million sessions spread over
    /// <paramref name="dayCount"/> days ending on <see cref="LastDay"/> (a year, for summaries over long ranges).
    /// </summary>
    public static void Build(string path, int dayCount = DayCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dayCount, 1);
        var stopwatch = Stopwatch.StartNew();
        var options = new SqliteStoreOptions { Path = path, MaxBatchSize = 2_000, QueueCapacity = 10_000 };
        var store = new SqliteSessionStore(Options.Create(options), TimeProvider.System, NullLogger<SqliteSessionStore>.Instance);
        store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        var random = new Random(Seed);
        var media = DrawMedia(random);
        var popularity = ZipfPopularity.Cumulative(MediaCount);
        using var rows = OpenRaw(path);
        var saveTime = TimeSpan.Zero;
        for (var done = 0; done < Sessions; done += Chunk)
        {
            var facts = new List<SessionFacts>(Chunk);
            for (var i = 0; i < Chunk; i++)
            {
                facts.Add(Draw(random, media[DrawIndex(random, popularity)], dayCount));
            }

            // The rows ingestion would have left: closed and not processed yet (events are not stored: reports never read them).
            InsertRows(rows, facts);
            var saving = Stopwatch.StartNew();
            var saved = Task.WhenAll(facts.Select(session =>
                store.SaveProcessedSessionAsync(new ProcessedSession(session.SessionId, ReportJson, CallsJson, session), CancellationToken.None)))
                .GetAwaiter().GetResult();
            saveTime += saving.Elapsed;
            if (saved.Any(first => !first))
            {
                throw new InvalidOperationException("A generated session was not processed exactly once.");
            }
        }

        InsertOpenSessions(rows, random, media);
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Execute(rows, "PRAGMA wal_checkpoint(TRUNCATE)");
        Console.WriteLine($"// data set built in {stopwatch.Elapsed.TotalSeconds:F0} s, of which {saveTime.TotalSeconds:F0} s in SaveProcessedSessionAsync " +
            $"({saveTime.TotalMilliseconds * 1000 / Sessions:F0} us per session, group commit of up to {options.MaxBatchSize})");
    }

    private static SessionFacts Draw(Random random, Media media, int dayCount)
    {
        var downloaded = random.NextDouble() < DownloadedShare;
        var started = random.NextDouble() < ContentStartShare;
        var completed = started && random.NextDouble() < CompleteShare / ContentStartShare;
        var reached = !started ? 0 : completed ? 1 : 0.95 * random.NextDouble();
        var timePlayed = media.Length * (completed ? 0.9 + (0.1 * random.NextDouble()) : reached);
        var adStarts = started ? random.Next(media.MaximumAdStarts + 1) : 0;
        var adTime = 0.0;
        for (var ad = 0; ad < adStarts; ad++)
        {
            adTime += 15 + (15 * random.NextDouble());
        }

        var pauses = started && random.NextDouble() < 0.3 ? random.Next(1, 4) : 0;
        var pauseTime = pauses * (5 + (115 * random.NextDouble()));
        var rebuffers = started ? (random.NextDouble() < 0.4 ? random.Next(1, 4) : 0) : 0;
        var bufferTime = (0.5 * random.NextDouble()) + (rebuffers * -2.0 * Math.Log(1 - random.NextDouble()));
        var stalls = started && random.NextDouble() < 0.05 ? 1 : 0;
        var errors = random.NextDouble() < 0.03 ? (random.NextDouble() < 0.2 ? 2 : 1) : 0;
        double? timeToStart = random.NextDouble() < 0.95 ? 0.5 + (3.5 * random.NextDouble()) : null;
        double? bitrate = started && random.NextDouble() < 0.8 ? 800 + (7_200 * random.NextDouble()) : null;

        // Drawn in catalogue order (the order of the random draws is part of the data set), by a switch without a
        // default arm: a measure added to the catalogue and not drawn here fails the build (CS8509) instead of
        // silently staying zero in the benchmark's data.
        var measures = new Measures();
        foreach (var measure in MeasureCatalog.All)
        {
            measures[measure] = Drawn(measure);
        }

        // Watched uniformly over the days.
        var firstDay = LastDay.AddDays(-(dayCount - 1));
        var firstTs = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds()
            + random.NextInt64(dayCount * 86_400_000L);
        var lastTs = firstTs + (long)((timePlayed + adTime + pauseTime + bufferTime) * 1000);
        var closeReason = completed ? "complete"
            : downloaded ? (random.NextDouble() < 0.7 ? "endOfArray" : "end")
            : random.NextDouble() switch { < 0.5 => "end", < 0.9 => "idle", _ => "stall" };
        var receivedAt = downloaded ? lastTs + (long)(DrawLateness(random) * 1000) : firstTs;
        var closedAt = downloaded ? receivedAt : lastTs + (closeReason is "idle" or "stall" ? 600_000 : 0);
        var reason = CloseReasonText.Parse(closeReason);
        var sessionId = Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()))
            + Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()));
        return new SessionFacts(sessionId, downloaded, CloseReasonText.StatusOf(reason), reason, media.Id, media.Name, media.ContentType, media.Length, firstTs, lastTs,
            DateTimeOffset.FromUnixTimeMilliseconds(receivedAt), DateTimeOffset.FromUnixTimeMilliseconds(closedAt),
            EventCount: 10 + (int)(timePlayed / 10), IgnoredEventCount: 0, CallCount: 3 + adStarts,
            downloaded ? (receivedAt - lastTs) / 1000.0 : null, measures);

#pragma warning disable CS8524 // The catalogue holds only named values; CS8509 still reports a named one left out.
        double Drawn(Measure measure) => measure switch
        {
            Measure.Sessions => 1,
            Measure.DownloadedSessions => downloaded ? 1 : 0,
            Measure.ContentStarts => started ? 1 : 0,
            Measure.Completes => completed ? 1 : 0,
            Measure.Progress10 => reached >= 0.10 ? 1 : 0,
            Measure.Progress25 => reached >= 0.25 ? 1 : 0,
            Measure.Progress50 => reached >= 0.50 ? 1 : 0,
            Measure.Progress75 => reached >= 0.75 ? 1 : 0,
            Measure.Progress95 => reached >= 0.95 ? 1 : 0,
            Measure.TimePlayed => timePlayed,
            Measure.TotalTimePlayed => timePlayed + adTime,
            Measure.UniqueTimePlayed => timePlayed * 0.97,
            Measure.AverageMinuteAudience => timePlayed / media.Length,
            Measure.AdStarts => adStarts,
            Measure.ChapterStarts => started ? random.Next(5) : 0,
            Measure.PauseCount => pauses,
            Measure.PauseTime => pauseTime,
            Measure.BufferCount => 1 + rebuffers,
            Measure.BufferTime => bufferTime,
            Measure.StallCount => stalls,
            Measure.StallTime => stalls * (2 + (8 * random.NextDouble())),
            Measure.ErrorCount => errors,
            Measure.ErrorSessions => errors > 0 ? 1 : 0,
            Measure.TimeToStartSum => timeToStart ?? 0,
            Measure.TimeToStartSessions => timeToStart.HasValue ? 1 : 0,
            Measure.BitrateWeightedSum => bitrate is { } average ? average * timePlayed : 0,
            Measure.BitrateTime => bitrate.HasValue ? timePlayed : 0,
            Measure.DroppedBeforeStart => started ? 0 : 1,
        };
#pragma warning restore CS8524
    }

    private static void InsertRows(SqliteConnection connection, List<SessionFacts> facts)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            """
            INSERT INTO sessions (session_id, downloaded, status, close_reason, media_id, media_name, content_type, media_length, resume,
                first_ts, last_ts, event_count, received_at, last_event_at, last_playhead, playhead_changed_at, closed_at)
            VALUES ($id, $downloaded, $status, $reason, $media_id, $name, $type, $length, 0, $first_ts, $last_ts, $events,
                $received_at, $received_at, 0, $received_at, $closed_at)
            """;
        foreach (var session in facts)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$id", session.SessionId);
            insert.Parameters.AddWithValue("$downloaded", session.Downloaded);
            insert.Parameters.AddWithValue("$status", SessionStatusText.Name(session.Status));
            insert.Parameters.AddWithValue("$reason", CloseReasonText.Name(session.CloseReason));
            insert.Parameters.AddWithValue("$media_id", session.MediaId);
            insert.Parameters.AddWithValue("$name", session.MediaName);
            insert.Parameters.AddWithValue("$type", session.ContentType);
            insert.Parameters.AddWithValue("$length", session.MediaLength);
            insert.Parameters.AddWithValue("$first_ts", session.FirstEventTs);
            insert.Parameters.AddWithValue("$last_ts", session.LastEventTs);
            insert.Parameters.AddWithValue("$events", session.EventCount);
            insert.Parameters.AddWithValue("$received_at", session.ReceivedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$closed_at", session.ClosedAt.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Sessions still open, received over the last hour of the data set.</summary>
    private static void InsertOpenSessions(SqliteConnection connection, Random random, Media[] media)
    {
        var end = new DateTimeOffset(LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            """
            INSERT INTO sessions (session_id, downloaded, status, media_id, media_name, content_type, media_length, resume,
                first_ts, last_ts, event_count, received_at, last_event_at, last_playhead, playhead_changed_at)
            VALUES ($id, 0, 'active', $media_id, $name, $type, $length, 0, $received_at, $received_at, 1, $received_at, $received_at, 0, $received_at)
            """;
        for (var i = 0; i < OpenSessions; i++)
        {
            var title = media[random.Next(MediaCount)];
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$id", $"open{i:D60}");
            insert.Parameters.AddWithValue("$media_id", title.Id);
            insert.Parameters.AddWithValue("$name", title.Name);
            insert.Parameters.AddWithValue("$type", title.ContentType);
            insert.Parameters.AddWithValue("$length", title.Length);
            insert.Parameters.AddWithValue("$received_at", end - random.NextInt64(3_600_000));
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static SqliteConnection OpenRaw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 60000");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Media with ids in an order unrelated to popularity, each with one content type and length.</summary>
    private static Media[] DrawMedia(Random random)
    {
        var ids = Enumerable.Range(1, MediaCount).ToArray();
        random.Shuffle(ids);
        var media = new Media[MediaCount];
        for (var rank = 0; rank < MediaCount; rank++)
        {
            var draw = random.NextDouble();
            var type = ContentTypes[^1].Name;
            foreach (var (name, share) in ContentTypes)
            {
                if (draw < share)
                {
                    type = name;
                    break;
                }

                draw -= share;
            }

            var (minimumLength, maximumLength, maximumAdStarts) = type switch
            {
                "vod" => (600.0, 5_400.0, 6),
                "live" => (1_800.0, 10_800.0, 6),
                "linear" => (1_800.0, 3_600.0, 4),
                "podcast" => (1_200.0, 4_800.0, 2),
                _ => (150.0, 300.0, 0),
            };
            media[rank] = new Media($"media-{ids[rank]:D5}", $"Title {ids[rank]}", type, minimumLength + ((maximumLength - minimumLength) * random.NextDouble()), maximumAdStarts);
        }

        return media;
    }

    /// <summary>Lateness in seconds: log-normal around an hour, clamped to a minute … four weeks.</summary>
    private static double DrawLateness(Random random)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Clamp(MedianLatenessSeconds * Math.Exp(LatenessLogSpread * normal), MinimumLatenessSeconds, MaximumLatenessSeconds);
    }

    private static int DrawIndex(Random random, double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index + 1, cumulative.Length - 1);
    }

    private sealed record Media(string Id, string Name, string ContentType, double Length, int MaximumAdStarts);
}
