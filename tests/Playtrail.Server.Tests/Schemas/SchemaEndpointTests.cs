using System.Net;
using System.Text.Json;
using Playtrail.Core.Events;

namespace Playtrail.Server.Tests.Schemas;

public sealed class SchemaEndpointTests : IAsyncLifetime
{
    private ServerInstance _server = null!;

    public async Task InitializeAsync() => _server = await ServerInstance.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryEventType_HasItsSchema()
    {
        foreach (var type in EventTypeNames.All)
        {
            using var response = await _server.Client.GetAsync($"/api/v1/schemas/{type.ToWireName()}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var schema = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var eventTypeEnum = schema.RootElement.GetProperty("properties").GetProperty("eventType").GetProperty("enum");
            Assert.Equal(type.ToWireName(), Assert.Single(eventTypeEnum.EnumerateArray()).GetString());
        }
    }

    [Fact]
    public async Task UnknownEventType_Returns404()
    {
        using var response = await _server.Client.GetAsync("/api/v1/schemas/seekStart");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
