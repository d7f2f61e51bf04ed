namespace Playtrail.Storage.Reporting;

/// <summary>The rows of one query, forward only.</summary>
internal interface IRowReader : IAsyncDisposable
{
    /// <summary>Moves to the next row; false after the last.</summary>
    ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    bool IsNull(int column);

    long GetInt64(int column);

    double GetDouble(int column);

    bool GetBoolean(int column);

    string GetString(int column);
}
