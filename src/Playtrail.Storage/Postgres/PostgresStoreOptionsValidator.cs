using Microsoft.Extensions.Options;
using Npgsql;

namespace Playtrail.Storage.Postgres;

/// <summary>Checks <see cref="PostgresStoreOptions"/> so that bad configuration fails at start-up.</summary>
internal sealed class PostgresStoreOptionsValidator : IValidateOptions<PostgresStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStoreOptions options)
    {
        var problems = FindProblems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>What is wrong with <paramref name="options"/>, one sentence each; empty when they are usable.</summary>
    public static List<string> FindProblems(PostgresStoreOptions options)
    {
        var problems = FindBatchingProblems(options);
        const string Key = $"{PostgresStoreOptions.SectionName}:{nameof(PostgresStoreOptions.ConnectionString)}";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add($"{Key} must be set when Storage:Provider is postgres (for example Host=localhost;Database=playtrail;Username=playtrail).");
            return problems;
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException exception)
        {
            // The message names the bad keyword; the string itself may hold a password and is not repeated.
            problems.Add($"{Key} is not a valid connection string: {exception.Message}");
            return problems;
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            problems.Add($"{Key} must name a Host.");
        }

        return problems;
    }

    private static List<string> FindBatchingProblems(PostgresStoreOptions options)
    {
        const string Section = PostgresStoreOptions.SectionName;
        var problems = new List<string>();
        if (options.MaxBatchSize is < 1 or > PostgresStoreOptions.MaxBatchSizeLimit)
        {
            problems.Add($"{Section}:{nameof(PostgresStoreOptions.MaxBatchSize)} must be between 1 and {PostgresStoreOptions.MaxBatchSizeLimit}; it is {options.MaxBatchSize}.");
        }

        if (options.QueueCapacity < 1)
        {
            problems.Add($"{Section}:{nameof(PostgresStoreOptions.QueueCapacity)} must be at least 1; it is {options.QueueCapacity}.");
        }

        if (options.Writers is < 1 or > PostgresStoreOptions.MaxWritersLimit)
        {
            problems.Add($"{Section}:{nameof(PostgresStoreOptions.Writers)} must be between 1 and {PostgresStoreOptions.MaxWritersLimit}; it is {options.Writers}.");
        }

        return problems;
    }
}
