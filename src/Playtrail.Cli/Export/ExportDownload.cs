using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Playtrail.Cli.Export;

/// <summary>
/// Streams one export from the server to a file: into a temporary file beside it, renamed over the target only once
/// the whole body arrived, so a refused, failed or cut-off export never leaves a file that looks complete.
/// </summary>
internal sealed class ExportDownload(ExportOptions options, HttpMessageHandler? handler = null)
{
    /// <summary>The response header with the row count the server made before starting.</summary>
    public const string RowsHeader = "Playtrail-Export-Rows";

    private const int BufferBytes = 128 * 1024;

    private readonly RowCounter _counter = new(options.Format);
    private long _bytes;
    private long _rows;
    private long _advertised = -1;

    /// <summary>Real time since <see cref="RunAsync"/> began.</summary>
    public Stopwatch Elapsed { get; } = new();

    /// <summary>Rows received of those advertised (NDJSON, CSV), or bytes received (Parquet).</summary>
    public ProgressSnapshot Progress() =>
        _counter.CountsRows
            ? new(Volatile.Read(ref _rows), Volatile.Read(ref _advertised), "rows")
            : new(Volatile.Read(ref _bytes), -1, "bytes");

    /// <summary>Downloads the export; the error is what to tell the user when it failed.</summary>
    public async Task<(ExportResult? Result, string? Error)> RunAsync(Func<Task>? startProgress, CancellationToken cancellationToken)
    {
        Elapsed.Start();
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, options.Url());
        if (options.ApiKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            return (null, $"the request to {options.Server} failed: {exception.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return (null, await RefusalAsync(response, cancellationToken).ConfigureAwait(false));
            }

            if (response.Headers.TryGetValues(RowsHeader, out var values)
                && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var advertised))
            {
                Volatile.Write(ref _advertised, advertised);
            }

            if (startProgress is not null)
            {
                await startProgress().ConfigureAwait(false);
            }

            var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Output))!, $".{Path.GetFileName(options.Output)}.{Guid.NewGuid():N}.part");
            try
            {
                await CopyAsync(response, temporary, cancellationToken).ConfigureAwait(false);
                File.Move(temporary, options.Output, overwrite: true);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                File.Delete(temporary);
                return (null, $"the export was cut off after {_bytes} bytes ({exception.Message}); nothing was written to {options.Output}.");
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }

        return (new ExportResult(
            options.Output, _counter.CountsRows ? _rows : null, _advertised >= 0 ? _advertised : null, _bytes, Math.Round(Elapsed.Elapsed.TotalSeconds, 1)), null);
    }

    private async Task CopyAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes, FileOptions.Asynchronous);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                _counter.Count(buffer.AsSpan(0, read));
                Volatile.Write(ref _rows, _counter.Rows);
                Volatile.Write(ref _bytes, _bytes + read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The status, and what the problem document says: its title, detail and each failure by pointer.</summary>
    private async Task<string> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            try
            {
                using var problem = JsonDocument.Parse(body);
                var root = problem.RootElement;
                foreach (var name in (string[])["title", "detail"])
                {
                    if (root.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } line)
                    {
                        text.Append(": ").Append(line);
                    }
                }

                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                {
                    foreach (var error in errors.EnumerateArray())
                    {
                        text.Append(CultureInfo.InvariantCulture,
                            $"{Environment.NewLine}  {Property(error, "pointer")} [{Property(error, "rule")}] {Property(error, "message")}");
                    }
                }
            }
            catch (JsonException)
            {
                text.Append(" (with a problem document that is not JSON)");
            }
        }

        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            text.Append(options.ApiKey is null
                ? $"{Environment.NewLine}  the server needs an API key: pass --api-key KEY or set {ExportOptions.ApiKeyVariable}."
                : $"{Environment.NewLine}  the server did not accept the API key.");
        }

        return text.ToString();
    }

    private static string Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
