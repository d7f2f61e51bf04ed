using Microsoft.Extensions.Options;

namespace Playtrail.Storage.Sqlite;

/// <summary>Checks <see cref="SqliteStoreOptions"/> so that bad configuration fails at start-up.</summary>
internal sealed class SqliteStoreOptionsValidator : IValidateOptions<SqliteStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStoreOptions options)
    {
        var problems = FindProblems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>What is wrong with <paramref name="options"/>, one sentence each; empty when they are usable.</summary>
    public static List<string> FindProblems(SqliteStoreOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            problems.Add($"{SqliteStoreOptions.SectionName}:{nameof(SqliteStoreOptions.Path)} must name a database file.");
        }
        else if (options.Path.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            problems.Add($"{SqliteStoreOptions.SectionName}:{nameof(SqliteStoreOptions.Path)} contains characters that are not allowed in a path.");
        }

        if (options.MaxBatchSize is < 1 or > SqliteStoreOptions.MaxBatchSizeLimit)
        {
            problems.Add($"{SqliteStoreOptions.SectionName}:{nameof(SqliteStoreOptions.MaxBatchSize)} must be between 1 and {SqliteStoreOptions.MaxBatchSizeLimit}; it is {options.MaxBatchSize}.");
        }

        if (options.QueueCapacity < 1)
        {
            problems.Add($"{SqliteStoreOptions.SectionName}:{nameof(SqliteStoreOptions.QueueCapacity)} must be at least 1; it is {options.QueueCapacity}.");
        }

        if (options.WriterCacheMebibytes is < 1 or > SqliteStoreOptions.MaxWriterCacheMebibytes)
        {
            problems.Add($"{SqliteStoreOptions.SectionName}:{nameof(SqliteStoreOptions.WriterCacheMebibytes)} must be between 1 and {SqliteStoreOptions.MaxWriterCacheMebibytes}; it is {options.WriterCacheMebibytes}.");
        }

        if (options.CheckpointIntervalMilliseconds is < 0 or > SqliteStoreOptions.MaxCheckpointIntervalMilliseconds)
        {
            problems.Add($"{SqliteStoreOptions.SectionName}:{nameof(SqliteStoreOptions.CheckpointIntervalMilliseconds)} must be between 0 (off) and {SqliteStoreOptions.MaxCheckpointIntervalMilliseconds}; it is {options.CheckpointIntervalMilliseconds}.");
        }

        if (options.MaxDatabaseBytes is { } quota && quota < SqliteStoreOptions.MinMaxDatabaseBytes)
        {
            problems.Add($"{SqliteStoreOptions.SectionName}:{nameof(SqliteStoreOptions.MaxDatabaseBytes)} must be at least {SqliteStoreOptions.MinMaxDatabaseBytes} bytes; it is {quota}.");
        }

        return problems;
    }
}
