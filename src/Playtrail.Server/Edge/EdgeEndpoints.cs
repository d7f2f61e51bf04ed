using Microsoft.Extensions.Options;

namespace Playtrail.Server.Edge;

/// <summary>Maps the Media Edge API routes under <c>Edge:BasePath</c>, with and without a location-hint segment.</summary>
internal static class EdgeEndpoints
{
    public static IEndpointRouteBuilder MapEdgeEndpoints(this IEndpointRouteBuilder app)
    {
        var basePath = "/" + app.ServiceProvider.GetRequiredService<IOptions<EdgeOptions>>().Value.TrimmedBasePath;
        foreach (var prefix in (string[])[basePath, basePath + "/{hint}"])
        {
            var group = app.MapGroup(prefix).WithTags("Media Edge");
            group.MapPost("/v1/interact", (HttpContext context, EdgeHandler handler) => handler.InteractAsync(context));
            group.MapPost("/va/v1/{action}", (HttpContext context, string action, EdgeHandler handler) => handler.MediaEventAsync(context, action));
        }

        return app;
    }
}
