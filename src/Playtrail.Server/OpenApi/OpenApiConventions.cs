using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Playtrail.Server.Reporting;

namespace Playtrail.Server.OpenApi;

/// <summary>Shorthands for the metadata the OpenAPI document is generated from.</summary>
internal static class OpenApiConventions
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>Declares that the endpoints answer each of <paramref name="statusCodes"/> with a <see cref="ProblemView"/>.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var statusCode in statusCodes)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(statusCode, typeof(ProblemView), [ProblemContentType]));
        }

        return builder;
    }

    /// <summary>
    /// Declares that the endpoints answer <paramref name="statusCode"/> with a JSON document the handler writes itself
    /// (docs/reporting.md describes its fields), so no type describes it; works on a route group as on a single route.
    /// </summary>
    public static TBuilder ProducesJson<TBuilder>(this TBuilder builder, int statusCode)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(statusCode, typeof(JsonElement), ["application/json"]));

    /// <summary>Declares that the endpoints answer <paramref name="statusCode"/> with a file in one of <paramref name="contentTypes"/>.</summary>
    public static TBuilder ProducesFile<TBuilder>(this TBuilder builder, int statusCode, params string[] contentTypes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(statusCode, typeof(Stream), contentTypes));

    /// <summary>Declares a query parameter the handler reads from the query string itself.</summary>
    public static TBuilder WithQuery<TBuilder>(this TBuilder builder, string name, JsonSchemaType type, string description, string? format = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ParameterDescription(ParameterLocation.Query, name, type, description, format));

    /// <summary>Declares a request header the handler reads itself.</summary>
    public static TBuilder WithHeader<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ParameterDescription(ParameterLocation.Header, name, JsonSchemaType.String, description));

    /// <summary>The days and filters every report and export reads (<c>ReportParameters.Scope</c>).</summary>
    public static TBuilder WithScopeQuery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .WithQuery("from", JsonSchemaType.String, $"First day (yyyy-MM-dd, in the report time zone); default {ReportParameters.DefaultDays - 1} days before to.", "date")
            .WithQuery("to", JsonSchemaType.String, "Last day (yyyy-MM-dd, in the report time zone); default today.", "date")
            .WithFilterQuery();

    /// <summary>The filters the reports, exports and session list share.</summary>
    public static TBuilder WithFilterQuery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .WithQuery("contentType", JsonSchemaType.String, "Only sessions of this content type (media.contentType).")
            .WithQuery("downloaded", JsonSchemaType.Boolean, "Only downloaded (true) or only online (false) sessions.")
            .WithQuery("mediaId", JsonSchemaType.String, "Only sessions of this content (media.id).");

    /// <summary>Declares a JSON body the handler reads itself, with what it holds.</summary>
    public static RouteHandlerBuilder AcceptsJsonBody(this RouteHandlerBuilder builder, JsonBodyShape shape, string description) =>
        builder.WithMetadata(new JsonBodyDescription(shape, description));
}
