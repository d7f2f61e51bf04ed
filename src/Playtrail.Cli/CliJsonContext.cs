using System.Text.Json.Serialization;
using Playtrail.Cli.Export;
using Playtrail.Cli.Simulation;
using Playtrail.Cli.Upload;

namespace Playtrail.Cli;

/// <summary>Source-generated JSON for the commands' <c>--json</c> results.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(SimulationResult))]
[JsonSerializable(typeof(UploadResult))]
[JsonSerializable(typeof(ExportResult))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
