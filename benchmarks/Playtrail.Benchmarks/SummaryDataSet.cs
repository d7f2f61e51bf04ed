using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Playtrail.Storage.Sessions;

namespace Playtrail.Benchmarks;

/// <summary>
/// A generated year of viewing: one million processed sessions, drawn from a fixed seed, folded into the
/// <c>rollups</c> and <c>rollup_lateness</c> rows that <c>SqliteWriteConnection.SaveProcessed</c> would have
/// left behind after processing them one by one (+1 session per row, measures summed in the same order,
/// lateness bucketed with <see cref="LatenessHistogram.Bucket"/>). Writing the folded rows directly takes
/// seconds instead of the minutes a million single-session upserts would.
/// </summary>
internal sealed class SummaryDataSet
{
    public const int Sessions = 1_000_000;
    public const int DayCount = 365;
    public const int MediaCount = 2_000;
    public const int Seed = 20_261_125;

    /// <summary>The newest day watched; fixed rather than read from the clock so every run builds the same file.</summary>
    public static readonly DateOnly LastDay = new(2026, 6, 30);

    public static readonly DateOnly FirstDay = LastDay.AddDays(-(DayCount - 1));

    private const double DownloadedShare = 0.3;
    private const double ContentStartShare = 0.9;
    private const double CompleteShare = 0.4;

    /// <summary>Days are weighted toward recent ones: the age in days is exponential with this mean, cut at a year.</summary>
    private const double RecencyDays = 180;

    /// <summary>Zipf exponent of media popularity: the most watched title has about 12 % of all sessions.</summary>
    private const double ZipfExponent = 1.0;

    private const double MinimumLatenessSeconds = 60;
    private const double MaximumLatenessSeconds = 28 * 86_400;
    private const double MedianLatenessSeconds = 3_600;

    /// <summary>Standard deviation of the log of lateness: a long tail from minutes to weeks.</summary>
    private const double LatenessLogSpread = 2.0;

    private const int RowsPerTransaction = 200_000;

    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private static readonly (string Name, double Share)[] ContentTypes =
    [
        ("vod", 0.45), ("live", 0.15), ("linear", 0.15), ("podcast", 0.15), ("song", 0.10),
    ];

    private readonly Media[] _media;
    private readonly Dictionary<RollupKey, RollupTotals> _rollups = [];
    private readonly Dictionary<LatenessKey, LatenessTotals> _lateness = [];

    private SummaryDataSet(Media[] media) => _media = media;

    /// <summary>Sessions of the data set that were downloaded.</summary>
    public long DownloadedSessions { get; private set; }

    public int RollupRows => _rollups.Count;

    public int LatenessRows => _lateness.Count;

    /// <summary>Draws the sessions and folds them into rollup rows in memory. Deterministic for <see cref="Seed"/>.</summary>
    public static SummaryDataSet Generate()
    {
        var random = new Random(Seed);
        var dataSet = new SummaryDataSet(DrawMedia(random));
        var popularity = CumulativeZipf(MediaCount, ZipfExponent);
        for (var session = 0; session < Sessions; session++)
        {
            dataSet.Add(session, DrawDay(random), dataSet._media[DrawIndex(random, popularity)], random);
        }

        return dataSet;
    }

    /// <summary>
    /// Writes the rows into a database already created by <c>SqliteSessionStore.InitializeAsync</c>, in a few large
    /// transactions, and checkpoints the WAL so the summaries read the main file as a long-running store would.
    /// </summary>
    public void WriteTo(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // Generated data: durability of the load itself is irrelevant, and skipping fsyncs makes set-up fast.
        Execute(connection, "PRAGMA busy_timeout = 5000");
        Execute(connection, "PRAGMA synchronous = OFF");

        // Within a day, rows are created in the order their first session arrived, as the processor would
        // create them; days follow one another. Sorting the whole key instead would pack pages unrealistically tight.
        WriteRollups(connection, _rollups.OrderBy(row => row.Key.Day).ThenBy(row => row.Value.FirstSeen));
        WriteLateness(connection, _lateness.OrderBy(row => row.Key.Day).ThenBy(row => row.Value.FirstSeen));

        // The totals tables hold the same sums without the content id; SaveProcessed adds to both, so summing the
        // rollups gives exactly the rows it would have left.
        Execute(connection, """
            INSERT INTO rollup_totals
            SELECT day, content_type, downloaded, sum(sessions), sum(content_starts), sum(completes), sum(time_played),
                   sum(total_time_played), sum(average_minute_audience), sum(ad_starts), sum(buffer_time), sum(error_count)
            FROM rollups GROUP BY day, content_type, downloaded
            """);
        Execute(connection, """
            INSERT INTO rollup_lateness_totals
            SELECT day, content_type, bucket, sum(sessions) FROM rollup_lateness GROUP BY day, content_type, bucket
            """);

        // The monthly per-content rows likewise: SaveProcessed adds each session to its month's row and histogram.
        Execute(connection, """
            WITH measures AS (
                SELECT (CAST(strftime('%Y', day * 86400, 'unixepoch') AS INTEGER) - 1970) * 12
                           + CAST(strftime('%m', day * 86400, 'unixepoch') AS INTEGER) - 1 AS month,
                       media_id, content_type, downloaded, sum(sessions) AS sessions, sum(content_starts) AS content_starts,
                       sum(completes) AS completes, sum(time_played) AS time_played, sum(total_time_played) AS total_time_played,
                       sum(average_minute_audience) AS average_minute_audience, sum(ad_starts) AS ad_starts,
                       sum(buffer_time) AS buffer_time, sum(error_count) AS error_count
                FROM rollups GROUP BY month, media_id, content_type, downloaded),
            buckets AS (
                SELECT (CAST(strftime('%Y', day * 86400, 'unixepoch') AS INTEGER) - 1970) * 12
                           + CAST(strftime('%m', day * 86400, 'unixepoch') AS INTEGER) - 1 AS month,
                       media_id, content_type, bucket, sum(sessions) AS sessions
                FROM rollup_lateness GROUP BY month, media_id, content_type, bucket),
            histograms AS (
                SELECT month, media_id, content_type, json_group_object(CAST(bucket AS TEXT), sessions) AS lateness
                FROM buckets GROUP BY month, media_id, content_type)
            INSERT INTO rollup_months
            SELECT m.month, m.media_id, m.content_type, m.downloaded, m.sessions, m.content_starts, m.completes, m.time_played,
                   m.total_time_played, m.average_minute_audience, m.ad_starts, m.buffer_time, m.error_count, h.lateness
            FROM measures m
            LEFT JOIN histograms h ON m.downloaded = 1 AND h.month = m.month AND h.media_id = m.media_id AND h.content_type = m.content_type
            """);

        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using var reader = checkpoint.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(0) != 0)
        {
            throw new InvalidOperationException("The WAL checkpoint after loading the data set was blocked.");
        }
    }

    private void Add(int session, int day, Media media, Random random)
    {
        var downloaded = random.NextDouble() < DownloadedShare;
        var started = random.NextDouble() < ContentStartShare;
        // Only a started session can complete; the conditional share keeps completes at 40 % of all sessions.
        var completed = started && random.NextDouble() < CompleteShare / ContentStartShare;
        var timePlayed = !started ? 0
            : completed ? media.Length * (0.9 + 0.1 * random.NextDouble())
            : media.Length * 0.9 * random.NextDouble();
        var adStarts = started ? random.Next(media.MaximumAdStarts + 1) : 0;
        var adTime = 0.0;
        for (var ad = 0; ad < adStarts; ad++)
        {
            adTime += 15 + 15 * random.NextDouble();
        }

        // Startup buffering for every session; rebuffering, exponential with a 2 s mean, only once playing.
        var bufferTime = 0.5 * random.NextDouble() + (started ? -2.0 * Math.Log(1 - random.NextDouble()) : 0);
        var errors = random.NextDouble() < 0.03 ? (random.NextDouble() < 0.2 ? 2 : 1) : 0;

        ref var totals = ref CollectionsMarshal.GetValueRefOrAddDefault(_rollups, new RollupKey(day, media.Index, downloaded), out var exists);
        if (!exists)
        {
            totals.FirstSeen = session;
        }

        totals.Sessions++;
        totals.ContentStarts += started ? 1 : 0;
        totals.Completes += completed ? 1 : 0;
        totals.TimePlayed += timePlayed;
        totals.TotalTimePlayed += timePlayed + adTime;
        totals.AverageMinuteAudience += timePlayed / media.Length;
        totals.AdStarts += adStarts;
        totals.BufferTime += bufferTime;
        totals.ErrorCount += errors;

        if (downloaded)
        {
            DownloadedSessions++;
            var bucket = LatenessHistogram.Bucket(DrawLateness(random));
            ref var lateness = ref CollectionsMarshal.GetValueRefOrAddDefault(_lateness, new LatenessKey(day, media.Index, bucket), out exists);
            if (!exists)
            {
                lateness.FirstSeen = session;
            }

            lateness.Sessions++;
        }
    }

    private void WriteRollups(SqliteConnection connection, IEnumerable<KeyValuePair<RollupKey, RollupTotals>> rows)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText =
            """
            INSERT INTO rollups (day, media_id, content_type, downloaded, sessions, content_starts, completes, time_played,
                total_time_played, average_minute_audience, ad_starts, buffer_time, error_count)
            VALUES ($day, $media_id, $content_type, $downloaded, $sessions, $content_starts, $completes, $time_played,
                $total_time_played, $average_minute_audience, $ad_starts, $buffer_time, $error_count)
            """;
        var day = insert.Parameters.Add("$day", SqliteType.Integer);
        var mediaId = insert.Parameters.Add("$media_id", SqliteType.Text);
        var contentType = insert.Parameters.Add("$content_type", SqliteType.Text);
        var downloaded = insert.Parameters.Add("$downloaded", SqliteType.Integer);
        var sessions = insert.Parameters.Add("$sessions", SqliteType.Integer);
        var contentStarts = insert.Parameters.Add("$content_starts", SqliteType.Integer);
        var completes = insert.Parameters.Add("$completes", SqliteType.Integer);
        var timePlayed = insert.Parameters.Add("$time_played", SqliteType.Real);
        var totalTimePlayed = insert.Parameters.Add("$total_time_played", SqliteType.Real);
        var averageMinuteAudience = insert.Parameters.Add("$average_minute_audience", SqliteType.Real);
        var adStarts = insert.Parameters.Add("$ad_starts", SqliteType.Integer);
        var bufferTime = insert.Parameters.Add("$buffer_time", SqliteType.Real);
        var errorCount = insert.Parameters.Add("$error_count", SqliteType.Integer);

        InBatches(connection, insert, rows, row =>
        {
            var media = _media[row.Key.Media];
            day.Value = ToDayNumber(row.Key.Day);
            mediaId.Value = media.Id;
            contentType.Value = media.ContentType;
            // SaveProcessed binds a bool, which Microsoft.Data.Sqlite stores as 0 or 1.
            downloaded.Value = row.Key.Downloaded ? 1 : 0;
            sessions.Value = row.Value.Sessions;
            contentStarts.Value = row.Value.ContentStarts;
            completes.Value = row.Value.Completes;
            timePlayed.Value = row.Value.TimePlayed;
            totalTimePlayed.Value = row.Value.TotalTimePlayed;
            averageMinuteAudience.Value = row.Value.AverageMinuteAudience;
            adStarts.Value = row.Value.AdStarts;
            bufferTime.Value = row.Value.BufferTime;
            errorCount.Value = row.Value.ErrorCount;
        });
    }

    private void WriteLateness(SqliteConnection connection, IEnumerable<KeyValuePair<LatenessKey, LatenessTotals>> rows)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText =
            """
            INSERT INTO rollup_lateness (day, media_id, content_type, bucket, sessions)
            VALUES ($day, $media_id, $content_type, $bucket, $sessions)
            """;
        var day = insert.Parameters.Add("$day", SqliteType.Integer);
        var mediaId = insert.Parameters.Add("$media_id", SqliteType.Text);
        var contentType = insert.Parameters.Add("$content_type", SqliteType.Text);
        var bucket = insert.Parameters.Add("$bucket", SqliteType.Integer);
        var sessions = insert.Parameters.Add("$sessions", SqliteType.Integer);

        InBatches(connection, insert, rows, row =>
        {
            var media = _media[row.Key.Media];
            day.Value = ToDayNumber(row.Key.Day);
            mediaId.Value = media.Id;
            contentType.Value = media.ContentType;
            bucket.Value = row.Key.Bucket;
            sessions.Value = row.Value.Sessions;
        });
    }

    /// <summary>Runs <paramref name="insert"/> once per row, prepared once, committing every <see cref="RowsPerTransaction"/> rows.</summary>
    private static void InBatches<T>(SqliteConnection connection, SqliteCommand insert, IEnumerable<T> rows, Action<T> bind)
    {
        var transaction = connection.BeginTransaction();
        try
        {
            insert.Transaction = transaction;
            insert.Prepare();
            var inTransaction = 0;
            foreach (var row in rows)
            {
                bind(row);
                insert.ExecuteNonQuery();
                if (++inTransaction == RowsPerTransaction)
                {
                    transaction.Commit();
                    transaction.Dispose();
                    transaction = connection.BeginTransaction();
                    insert.Transaction = transaction;
                    inTransaction = 0;
                }
            }

            transaction.Commit();
        }
        finally
        {
            transaction.Dispose();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The store's day encoding (<c>RollupDays.ToNumber</c>): whole days since 1970-01-01.</summary>
    public static int ToDayNumber(int dayIndex) => FirstDay.AddDays(dayIndex).DayNumber - EpochDayNumber;

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
            var length = minimumLength + (maximumLength - minimumLength) * random.NextDouble();
            media[rank] = new Media(rank, $"media-{ids[rank]:D5}", type, length, maximumAdStarts);
        }

        return media;
    }

    /// <summary>A day index, 0 the oldest; the age in days is a truncated exponential, so recent days weigh more.</summary>
    private static int DrawDay(Random random)
    {
        var cut = 1 - Math.Exp(-DayCount / RecencyDays);
        var age = (int)(-RecencyDays * Math.Log(1 - random.NextDouble() * cut));
        return DayCount - 1 - Math.Min(age, DayCount - 1);
    }

    /// <summary>Lateness in seconds: log-normal around an hour, clamped to a minute … four weeks.</summary>
    private static double DrawLateness(Random random)
    {
        // Box–Muller: one standard normal from two uniforms.
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Clamp(MedianLatenessSeconds * Math.Exp(LatenessLogSpread * normal), MinimumLatenessSeconds, MaximumLatenessSeconds);
    }

    private static double[] CumulativeZipf(int count, double exponent)
    {
        var cumulative = new double[count];
        var total = 0.0;
        for (var rank = 0; rank < count; rank++)
        {
            total += 1 / Math.Pow(rank + 1, exponent);
            cumulative[rank] = total;
        }

        for (var rank = 0; rank < count; rank++)
        {
            cumulative[rank] /= total;
        }

        return cumulative;
    }

    private static int DrawIndex(Random random, double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index + 1, cumulative.Length - 1);
    }

    private sealed record Media(int Index, string Id, string ContentType, double Length, int MaximumAdStarts);

    /// <summary>The rollups key; the content type is fixed per media, so the media index implies it.</summary>
    private readonly record struct RollupKey(int Day, int Media, bool Downloaded);

    private readonly record struct LatenessKey(int Day, int Media, int Bucket);

    private struct RollupTotals
    {
        public int FirstSeen;
        public long Sessions;
        public long ContentStarts;
        public long Completes;
        public double TimePlayed;
        public double TotalTimePlayed;
        public double AverageMinuteAudience;
        public long AdStarts;
        public double BufferTime;
        public long ErrorCount;
    }

    private struct LatenessTotals
    {
        public int FirstSeen;
        public long Sessions;
    }
}
