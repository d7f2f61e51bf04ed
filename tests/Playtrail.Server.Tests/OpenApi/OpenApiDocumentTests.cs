using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Playtrail.Server.Tests.OpenApi;

/// <summary>
/// <c>GET /openapi/v1.json</c> is the HTTP contract: any change to it must show in review as a diff of
/// <c>Snapshots/openapi-v1.json</c>. On a mismatch the test writes the served document beside the snapshot as
/// <c>openapi-v1.received.json</c> (git ignores it); accept it by renaming it over the snapshot, as the JSON Schema
/// snapshots of Playtrail.Core.Tests are accepted.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private const string DocumentPath = "/openapi/v1.json";

    private ServerInstance _server = null!;

    public async Task InitializeAsync() => _server = await ServerInstance.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Document_MatchesCommittedSnapshot()
    {
        var actual = Normalize(await _server.Client.GetStringAsync(DocumentPath));
        var snapshot = Path.Combine(SnapshotDirectory(), "openapi-v1.json");
        var received = Path.Combine(SnapshotDirectory(), "openapi-v1.received.json");

        var expected = File.Exists(snapshot) ? Normalize(await File.ReadAllTextAsync(snapshot)) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        await File.WriteAllTextAsync(received, actual + "\n");
        Assert.Fail(expected is null
            ? $"No OpenAPI snapshot: review {received} and rename it to openapi-v1.json."
            : $"The OpenAPI document changed ({FirstDifference(expected, actual)}): diff {received} against {snapshot}, "
              + "and rename it over the snapshot if the change is intended.");
    }

    [Fact]
    public async Task Document_ReadsAsOpenApi3WithoutErrors()
    {
        var text = await _server.Client.GetStringAsync(DocumentPath);

        var result = OpenApiDocument.Parse(text, "json");

        Assert.Empty(result.Diagnostic?.Errors ?? []);
        Assert.StartsWith("3.", JsonNode.Parse(text)!["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var document = Assert.IsType<OpenApiDocument>(result.Document);
        Assert.NotEmpty(document.Paths);
        foreach (var (path, item) in document.Paths)
        {
            Assert.NotEmpty(item.Operations ?? []);
            foreach (var (method, operation) in item.Operations!)
            {
                Assert.True(operation.Responses is { Count: > 0 }, $"{method} {path} declares no response.");
                Assert.False(string.IsNullOrEmpty(operation.OperationId), $"{method} {path} has no operationId.");
                Assert.False(string.IsNullOrEmpty(operation.Summary), $"{method} {path} has no summary.");
            }
        }
    }

    [Fact]
    public async Task Document_DescribesEveryRouteTheServerMaps()
    {
        using var document = JsonDocument.Parse(await _server.Client.GetStringAsync(DocumentPath));
        var paths = document.RootElement.GetProperty("paths");

        var routes = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Where(endpoint => endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>() is not null)
            .ToList();

        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            var path = "/" + route.RoutePattern.RawText!.TrimStart('/').Replace("{id?}", "{id}", StringComparison.Ordinal);
            if (path == DocumentPath.Replace("v1", "{documentName}", StringComparison.Ordinal) || path == DocumentPath)
            {
                continue;
            }

            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is mapped but not in the OpenAPI document.");
            foreach (var method in route.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()!.HttpMethods)
            {
                Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {path} is mapped but not in the OpenAPI document.");
            }
        }
    }

    [Fact]
    public async Task EveryTemplatedPathSegment_IsADeclaredPathParameter()
    {
        using var document = JsonDocument.Parse(await _server.Client.GetStringAsync(DocumentPath));

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            var names = path.Name.Split('/').Where(segment => segment.StartsWith('{')).Select(segment => segment.Trim('{', '}')).ToList();
            foreach (var operation in path.Value.EnumerateObject())
            {
                var declared = operation.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(parameter => parameter.GetProperty("in").GetString() == "path")
                        .Select(parameter => parameter.GetProperty("name").GetString()).ToList()
                    : [];
                Assert.True(names.Order().SequenceEqual(declared.Order()), $"{operation.Name} {path.Name} declares path parameters [{string.Join(", ", declared)}].");
            }
        }
    }

    [Fact]
    public async Task EveryProblemResponse_NamesTheProblemShape()
    {
        using var document = JsonDocument.Parse(await _server.Client.GetStringAsync(DocumentPath));

        var problems = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject())
                {
                    if (response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out var problem))
                    {
                        problems++;
                        Assert.Equal("#/components/schemas/ProblemView", problem.GetProperty("schema").GetProperty("$ref").GetString());
                    }
                }
            }
        }

        Assert.True(problems > 0);
        var properties = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ProblemView").GetProperty("properties");
        Assert.Equal(["type", "title", "status", "detail", "rule", "errors", "truncated"], properties.EnumerateObject().Select(property => property.Name));
        Assert.Equal("integer", properties.GetProperty("status").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("/api/v1/sessions", "{\"eventType\":\"play\"}", 400)]
    [InlineData("/api/v1/sessions/0000000000000000000000000000000000000000000000000000000000000000/events", "{\"eventType\":\"play\",\"playerTime\":{\"playhead\":0,\"ts\":1700000018002}}", 404)]
    public async Task ProblemsTheServerAnswers_HaveTheDeclaredShape(string path, string body, int status)
    {
        using var document = JsonDocument.Parse(await _server.Client.GetStringAsync(DocumentPath));
        var schema = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ProblemView");
        var declared = schema.GetProperty("properties").EnumerateObject().Select(property => property.Name).ToHashSet();

        using var response = await _server.PostJsonAsync(path, body);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.All(problem.RootElement.EnumerateObject(), property => Assert.Contains(property.Name, declared));
        Assert.All(schema.GetProperty("required").EnumerateArray(), name => Assert.True(problem.RootElement.TryGetProperty(name.GetString()!, out _)));
        var operation = document.RootElement.GetProperty("paths").GetProperty(path.Contains("/events", StringComparison.Ordinal) ? "/api/v1/sessions/{sid}/events" : path)
            .GetProperty("post");
        Assert.True(operation.GetProperty("responses").TryGetProperty(((int)response.StatusCode).ToString(), out _),
            $"{path} answered {(int)response.StatusCode}, which the document does not list.");
    }

    [Fact]
    public async Task IngestionRoutes_DeclareTheirJsonBodyAndPointToTheEventSchemas()
    {
        using var document = JsonDocument.Parse(await _server.Client.GetStringAsync(DocumentPath));
        var paths = document.RootElement.GetProperty("paths");

        foreach (var path in (string[])["/api/v1/sessions", "/api/v1/downloaded", "/api/v1/sessions/{sid}/events"])
        {
            var body = paths.GetProperty(path).GetProperty("post").GetProperty("requestBody");
            Assert.True(body.GetProperty("required").GetBoolean());
            Assert.Contains("/api/v1/schemas/{eventType}", body.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.True(body.GetProperty("content").TryGetProperty("application/json", out _));
        }
    }

    [Fact]
    public async Task Document_IsServedWithoutAKey_WhenReportingKeysAreSet()
    {
        await using var server = await ServerInstance.StartAsync("Reporting:ApiKeys:0=openapi-test-key-0123456789");

        using var report = await server.Client.GetAsync("/api/v1/reports/summary");
        using var response = await server.Client.GetAsync(DocumentPath);

        Assert.Equal(HttpStatusCode.Unauthorized, report.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Indented, with \n line endings: the served document is compact, the snapshot is for people to diff.</summary>
    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n");

    /// <summary>Where the two texts first part, so the failure says what changed before anyone opens a diff.</summary>
    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var before = i < expectedLines.Length ? expectedLines[i].Trim() : "(end of snapshot)";
            var after = i < actualLines.Length ? actualLines[i].Trim() : "(end of document)";
            if (before != after)
            {
                return $"first at line {i + 1}: snapshot has `{before}`, server serves `{after}`";
            }
        }

        return "only in whitespace";
    }

    /// <summary>The committed snapshot in the source tree, not a copy in bin/, so a received file lands beside it.</summary>
    private static string SnapshotDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Playtrail.slnx")))
            {
                return Path.Combine(directory.FullName, "tests", "Playtrail.Server.Tests", "OpenApi", "Snapshots");
            }
        }

        throw new InvalidOperationException("Playtrail.slnx not found above " + AppContext.BaseDirectory);
    }
}
