using Microsoft.AspNetCore.Http.HttpResults;

namespace Playtrail.Server.Dashboard;

/// <summary>
/// The dashboard at <c>/</c>: one HTML page for every client-side route (so a filtered view is a link that reloads),
/// and its scripts, styles and ECharts under <c>/assets</c>. It reads the reporting API from the browser; the server
/// computes nothing for it.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>The URL prefix of the dashboard's static files.</summary>
    public const string AssetsPath = "/assets";

    /// <summary>The dashboard's pages; <c>/login</c> belongs to the reporting access code.</summary>
    private static readonly string[] Pages = ["/", "/downloaded", "/content", "/content/{mediaId}", "/sessions", "/sessions/{sid}"];

    // Scripts and data from this server only; ECharts sets inline styles on the elements it creates.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>Serves <c>/assets</c>; placed before routing, so a file never reaches the API's endpoints.</summary>
    public static IApplicationBuilder UseDashboardAssets(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = DashboardFiles.Assets,
            RequestPath = AssetsPath,
            ContentTypeProvider = DashboardFiles.ContentTypes,
            // Revalidated on every load (the ETag makes that a 304), so a server upgrade never meets a stale script.
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.CacheControl = "no-cache";
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });

    /// <summary>Maps the dashboard's pages.</summary>
    public static IEndpointRouteBuilder MapDashboardPages(this IEndpointRouteBuilder app)
    {
        foreach (var page in Pages)
        {
            app.MapGet(page, ServePage).WithTags("Dashboard").ExcludeFromDescription();
        }

        return app;
    }

    private static FileContentHttpResult ServePage(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        return TypedResults.Bytes(DashboardFiles.IndexHtml, "text/html; charset=utf-8");
    }
}
