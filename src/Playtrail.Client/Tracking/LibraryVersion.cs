using System.Reflection;

namespace Playtrail.Client.Tracking;

/// <summary>The SDK's own version, sent as <c>media.libraryVersion</c> so reports can tell SDK releases apart.</summary>
internal static class LibraryVersion
{
    public static readonly string Value = "dotnet-playtrail-" +
        (typeof(LibraryVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(LibraryVersion).Assembly.GetName().Version?.ToString()
            ?? "0");
}
