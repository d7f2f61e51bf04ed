using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Playtrail.ExportBenchmark;

// Exports of a large database through the server's Release binary (built first, through the server's upload route,
// when the file is missing): wall time, rows/s, bytes, and the server's memory
// (VmRSS before, VmHWM during) for sessions and calls in each format, beside two baselines of the same run (the same
// server answering /health; cat of each exported file). Usage:
//   dotnet run -c Release --project benchmarks/Playtrail.ExportBenchmark -- [--db PATH] [--sessions N] [--out DIR]
var database = Option("--db") ?? Path.Combine(Path.GetTempPath(), "playtrail-export-bench", "playtrail.db");
var sessions = int.Parse(Option("--sessions") ?? "1000000", CultureInfo.InvariantCulture);
var output = Option("--out") ?? Path.Combine(Path.GetDirectoryName(database)!, "out");
Directory.CreateDirectory(output);

if (!File.Exists(database))
{
    Console.WriteLine($"Uploading {sessions:N0} downloaded sessions into a server on {database}");
    var build = Stopwatch.StartNew();
    await using (var builder = await ServerChild.StartAsync(database))
    {
        await ExportDataSet.BuildAsync(builder.BaseAddress, sessions, Console.Out);
    }

    Console.WriteLine($"  built in {build.Elapsed.TotalSeconds:N0} s, {new FileInfo(database).Length / 1_048_576.0:N0} MiB");
}

// A fresh server for the measurements, so its memory is not the upload's.
await using var server = await ServerChild.StartAsync(database);
await Task.Delay(TimeSpan.FromSeconds(2));
Console.WriteLine($"Server pid {server.Pid} at {server.BaseAddress}; idle RSS {server.StatusKb("VmRSS") / 1024.0:N0} MiB");
Console.WriteLine();
Console.WriteLine("| request | rows | bytes | wall s | rows/s | MB/s | server CPU s | RSS before MiB | peak RSS (VmHWM) MiB | RSS at 25/50/75/100 % of the time, MiB |");
Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|");
await HealthBaselineAsync();
var files = new List<(string Name, string Path, double Seconds)>();
foreach (var kind in new[] { "sessions", "calls" })
{
    foreach (var format in new[] { "ndjson", "csv", "parquet" })
    {
        files.Add(await ExportAsync(kind, format));
    }
}

Console.WriteLine();
Console.WriteLine("Baseline: cat of each exported file to /dev/null (page cache warm, just written)");
Console.WriteLine();
Console.WriteLine("| file | bytes | export wall s | cat wall s | cat MB/s |");
Console.WriteLine("|---|--:|--:|--:|--:|");
foreach (var (name, path, seconds) in files)
{
    var clock = Stopwatch.StartNew();
    await RunAsync("sh", "-c", $"cat '{path}' > /dev/null");
    var length = new FileInfo(path).Length;
    Console.WriteLine(Invariant($"| {name} | {length:N0} | {seconds:N1} | {clock.Elapsed.TotalSeconds:N2} | {length / 1e6 / clock.Elapsed.TotalSeconds:N0} |"));
}

Console.WriteLine();
foreach (var (name, path, _) in files.Where(file => file.Path.EndsWith(".parquet", StringComparison.Ordinal)))
{
    using var connection = new DuckDBConnection("DataSource=:memory:");
    connection.Open();
    Console.WriteLine($"DuckDB on {name}:");
    Console.WriteLine($"  SELECT count(*) FROM read_parquet(...) = {Scalar(connection, $"SELECT count(*) FROM read_parquet('{path}')")}");
    Console.WriteLine($"  row groups = {Scalar(connection, $"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{path}')")}, " +
        $"largest = {Scalar(connection, $"SELECT max(row_group_num_rows) FROM parquet_metadata('{path}')")} rows");
    Console.WriteLine($"  DESCRIBE: {Scalar(connection, $"SELECT string_agg(column_name || ' ' || column_type, ', ') FROM (DESCRIBE SELECT * FROM read_parquet('{path}'))")}");
}

return 0;

async Task HealthBaselineAsync()
{
    using var client = new HttpClient { BaseAddress = server.BaseAddress };
    server.ResetPeak();
    var before = server.StatusKb("VmRSS");
    var cpu = server.Cpu();
    using var sampler = Sample();
    var clock = Stopwatch.StartNew();
    var requests = 0;
    while (clock.Elapsed < TimeSpan.FromSeconds(10))
    {
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        requests++;
    }

    var samples = await sampler.StopAsync();
    Console.WriteLine(Invariant(
        $"| GET /health, one client, 10 s (baseline) | {requests:N0} requests | – | {clock.Elapsed.TotalSeconds:N1} | {requests / clock.Elapsed.TotalSeconds:N0} req/s | – | {(server.Cpu() - cpu).TotalSeconds:N1} | {before / 1024.0:N0} | {server.StatusKb("VmHWM") / 1024.0:N0} | {samples} |"));
}

async Task<(string Name, string Path, double Seconds)> ExportAsync(string kind, string format)
{
    var path = Path.Combine(output, $"{kind}.{format}");
    var headers = path + ".headers";
    var url = new Uri(server.BaseAddress, ExportDataSet.Url(kind, format)).ToString();
    server.ResetPeak();
    var before = server.StatusKb("VmRSS");
    var cpu = server.Cpu();
    using var sampler = Sample();
    var clock = Stopwatch.StartNew();
    var written = await RunAsync("curl", "-sS", "--fail", "-o", path, "-D", headers, "-w", "%{size_download}", url);
    var seconds = clock.Elapsed.TotalSeconds;
    var samples = await sampler.StopAsync();
    var rows = long.Parse(File.ReadLines(headers).First(line => line.StartsWith("Playtrail-Export-Rows:", StringComparison.OrdinalIgnoreCase)).Split(':')[1].Trim(), CultureInfo.InvariantCulture);
    var bytes = long.Parse(written, CultureInfo.InvariantCulture);
    Console.WriteLine(Invariant(
        $"| GET /api/v1/exports/{kind}?format={format} | {rows:N0} | {bytes:N0} | {seconds:N1} | {rows / seconds:N0} | {bytes / 1e6 / seconds:N1} | {(server.Cpu() - cpu).TotalSeconds:N1} | {before / 1024.0:N0} | {server.StatusKb("VmHWM") / 1024.0:N0} | {samples} |"));
    return ($"{kind}.{format}", path, seconds);
}

RssSampler Sample() => new(server);

string? Option(string name) => Array.IndexOf(args, name) is var index and >= 0 && index + 1 < args.Length ? args[index + 1] : null;

static async Task<string> RunAsync(string file, params string[] arguments)
{
    var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    var text = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    return process.ExitCode == 0 ? text : throw new InvalidOperationException($"{file} exited with {process.ExitCode}");
}

static object? Scalar(DuckDBConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return command.ExecuteScalar();
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
