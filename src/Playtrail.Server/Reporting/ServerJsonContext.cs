using System.Text.Json;
using System.Text.Json.Serialization;

namespace Playtrail.Server.Reporting;

/// <summary>Source-generated serialisation for every JSON document the server writes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(HealthView))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
