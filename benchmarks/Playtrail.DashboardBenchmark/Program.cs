using Playtrail.DashboardBenchmark;

return await PageBenchmark.RunAsync(BenchmarkOptions.Parse(args));
