using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// The monthly partitions of <c>events</c> (by arrival time, UTC). A partition is created before the first insert
/// into its month, by whichever node needs it first: <c>CREATE TABLE IF NOT EXISTS ... PARTITION OF</c> under a
/// transaction-scoped advisory lock, so nodes racing for the same month create it once and none fails. The set of
/// months known to exist is only a cache that saves the round trip; correctness never depends on it (an insert
/// into a month whose partition is gone fails with <see cref="PostgresErrorCodes.CheckViolation"/> and is retried
/// after creating it again).
/// </summary>
internal sealed class PostgresEventPartitions
{
    /// <summary>The advisory lock around creating or dropping a partition.</summary>
    public const long PartitionLockKey = 0x706c_6179_7472_0002;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, bool> _known = new();

    public PostgresEventPartitions(NpgsqlDataSource dataSource, ILogger logger)
    {
        _dataSource = dataSource;
        _logger = logger;
    }

    /// <summary>Months since 1970-01 of an arrival time in epoch milliseconds.</summary>
    public static int MonthOf(long receivedAtMilliseconds)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(receivedAtMilliseconds);
        return ((time.Year - 1970) * 12) + time.Month - 1;
    }

    /// <summary>The partition's table name; built from two integers, never from input.</summary>
    public static string Name(int month) =>
        string.Create(CultureInfo.InvariantCulture, $"events_{1970 + (month / 12):D4}_{(month % 12) + 1:D2}");

    /// <summary>The first millisecond of <paramref name="month"/>.</summary>
    public static long Start(int month) =>
        new DateTimeOffset(1970 + (month / 12), (month % 12) + 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>Makes sure the partition for events received at <paramref name="receivedAtMilliseconds"/> exists.</summary>
    public ValueTask EnsureAsync(long receivedAtMilliseconds, CancellationToken cancellationToken)
    {
        var month = MonthOf(receivedAtMilliseconds);
        return _known.ContainsKey(month) ? ValueTask.CompletedTask : new ValueTask(CreateAsync(month, cancellationToken));
    }

    /// <summary>Forgets what is known, after an insert found a partition missing (dropped by another node).</summary>
    public void Forget(long receivedAtMilliseconds) => _known.TryRemove(MonthOf(receivedAtMilliseconds), out _);

    /// <summary>
    /// Drops every partition whose months end at or before <paramref name="beforeMilliseconds"/> and returns
    /// their names. Only whole months go: a partition that still holds a newer event stays.
    /// </summary>
    public async Task<IReadOnlyList<string>> DropBeforeAsync(long beforeMilliseconds, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var old = new List<int>();
        await using (var command = new NpgsqlCommand(PostgresStatements.SelectEventPartitions, connection, transaction))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (TryParseMonth(reader.GetString(0), out var month) && Start(month + 1) <= beforeMilliseconds)
                {
                    old.Add(month);
                }
            }
        }

        foreach (var month in old)
        {
            await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS {Name(month)}", connection, transaction);
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        var names = old.ConvertAll(Name);
        foreach (var month in old)
        {
            _known.TryRemove(month, out _);
        }

        foreach (var name in names)
        {
            _logger.PartitionDropped(name);
        }

        return names;
    }

    private async Task CreateAsync(int month, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        // DDL takes no parameters; the name and bounds are formatted from integers computed here.
        var sql = string.Create(CultureInfo.InvariantCulture,
            $"CREATE TABLE IF NOT EXISTS {Name(month)} PARTITION OF events FOR VALUES FROM ({Start(month)}) TO ({Start(month + 1)})");
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (_known.TryAdd(month, true))
        {
            var name = Name(month);
            _logger.PartitionReady(name);
        }
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", PartitionLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool TryParseMonth(string name, out int month)
    {
        month = 0;
        // events_YYYY_MM
        if (name.Length != 14 || !name.StartsWith("events_", StringComparison.Ordinal)
            || !int.TryParse(name.AsSpan(7, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(name.AsSpan(12, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var monthOfYear)
            || monthOfYear is < 1 or > 12)
        {
            return false;
        }

        month = ((year - 1970) * 12) + monthOfYear - 1;
        return true;
    }
}
