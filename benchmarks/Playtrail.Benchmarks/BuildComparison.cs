using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

namespace Playtrail.Benchmarks;

/// <summary>
/// Compares one <see cref="SessionProcessingBenchmarks"/> method between two builds of this project (two commits, each
/// built with <c>-o</c> to its own folder). Each build is loaded into its own load context, and the two run in
/// alternating batches in one process, so a shared machine's changing load falls on both alike: a difference of a
/// few per cent shows here where separate BenchmarkDotNet runs, minutes apart, vary by 20 % or more.
/// </summary>
internal static class BuildComparison
{
    private const int Batch = 100;
    private const int WarmUpCalls = 2000;

    /// <summary>
    /// <c>--compare-builds DIR_A DIR_B [METHOD] [ROUNDS] [METHOD_B]</c>; prints per-call times and the paired ratio B/A.
    /// With <c>METHOD_B</c>, build B runs that method instead (two methods of one build against each other).
    /// </summary>
    public static void Run(string[] args)
    {
        var folders = args[1..3];
        var method = args.Length > 3 ? args[3] : nameof(SessionProcessingBenchmarks.ProcessReused);
        var rounds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 400;
        string[] methods = [method, args.Length > 5 ? args[5] : method];
        var calls = folders.Select((folder, which) => Load(folder, methods[which])).ToArray();
        for (var i = 0; i < WarmUpCalls; i++)
        {
            calls[0]();
            calls[1]();
        }

        var micros = new[] { new List<double>(rounds), new List<double>(rounds) };
        var watch = new Stopwatch();
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which build goes first, so neither always runs on the heels of the other.
            foreach (var which in round % 2 == 0 ? new[] { 0, 1 } : [1, 0])
            {
                watch.Restart();
                for (var call = 0; call < Batch; call++)
                {
                    calls[which]();
                }

                micros[which].Add(watch.Elapsed.TotalMicroseconds / Batch);
            }
        }

        var ratios = micros[0].Zip(micros[1], (a, b) => b / a).ToList();
        for (var which = 0; which < 2; which++)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"{(which == 0 ? "A" : "B")} {folders[which]} {methods[which]}: min {micros[which].Min():F1} us, p10 {Quantile(micros[which], 0.1):F1} us, median {Quantile(micros[which], 0.5):F1} us"));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"B/A per round: p10 {Quantile(ratios, 0.1):F3}, median {Quantile(ratios, 0.5):F3}, p90 {Quantile(ratios, 0.9):F3} ({rounds} rounds of {Batch} calls)"));
    }

    private static Func<object> Load(string folder, string method)
    {
        var path = Path.GetFullPath(Path.Combine(folder, "Playtrail.Benchmarks.dll"));
        var assembly = new FolderLoadContext(path).LoadFromAssemblyPath(path);
        var type = assembly.GetType(typeof(SessionProcessingBenchmarks).FullName!, throwOnError: true)!;
        var instance = Activator.CreateInstance(type)!;
        type.GetMethod(nameof(SessionProcessingBenchmarks.Setup))!.Invoke(instance, null);
        var benchmark = type.GetMethod(method) ?? throw new ArgumentException($"{folder} has no benchmark method {method}.");
        return (Func<object>)Delegate.CreateDelegate(typeof(Func<object>), instance, benchmark);
    }

    private static double Quantile(List<double> values, double quantile)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)(quantile * (sorted.Count - 1))];
    }

    /// <summary>Loads a build's own assemblies (Playtrail.Core above all) from its folder; the framework is shared.</summary>
    private sealed class FolderLoadContext(string mainAssembly) : AssemblyLoadContext(isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName name) =>
            _resolver.ResolveAssemblyToPath(name) is { } file ? LoadFromAssemblyPath(file) : null;
    }
}
