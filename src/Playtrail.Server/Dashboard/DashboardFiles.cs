using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Playtrail.Server.Dashboard;

/// <summary>
/// The dashboard's static files, embedded in this assembly (see the server's project file): the server binary alone
/// serves them, whatever folder it runs from, published or not, and in tests that host it in their own process.
/// </summary>
internal static class DashboardFiles
{
    /// <summary>The resource name prefix every embedded dashboard file carries.</summary>
    private const string Root = "Playtrail.Server.Dashboard.wwwroot";

    private static readonly Assembly Assembly = typeof(DashboardFiles).Assembly;

    /// <summary>The files under <c>wwwroot/assets</c>, served at <c>/assets</c>.</summary>
    public static IFileProvider Assets { get; } = new EmbeddedFileProvider(Assembly, Root + ".assets");

    /// <summary>The page every dashboard route answers with; the client-side router draws the page for its URL.</summary>
    public static byte[] IndexHtml { get; } = Read("index.html");

    /// <summary>Content types by extension, and plain text for the extension-less licence files (LICENSE, NOTICE).</summary>
    public static IContentTypeProvider ContentTypes { get; } = new LicenceAwareContentTypes();

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(Root + "." + name)
            ?? throw new InvalidOperationException($"The dashboard file {name} is not embedded in {Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class LicenceAwareContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _byExtension = new();

        public bool TryGetContentType(string subpath, out string contentType)
        {
            if (_byExtension.TryGetContentType(subpath, out contentType!))
            {
                return true;
            }

            if (!Path.HasExtension(subpath))
            {
                contentType = "text/plain; charset=utf-8";
                return true;
            }

            return false;
        }
    }
}
