namespace Playtrail.Core.Edge;

/// <summary>
/// Maps JSON pointers into a translated Media Collection event back to the XDM fields they came from,
/// so a failure found by the validator names the field the client actually sent.
/// </summary>
public sealed class EdgePointerMap
{
    private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);

    internal EdgePointerMap(string xdmPointer) => XdmPointer = xdmPointer;

    /// <summary>The pointer of the XDM event object inside the Edge request body.</summary>
    public string XdmPointer { get; }

    internal void Add(string translatedPointer, string edgePointer) => _sources[translatedPointer] = edgePointer;

    /// <summary>
    /// The Edge pointer for <paramref name="translatedPointer"/>: the field it came from, or the nearest
    /// mapped parent with the rest of the pointer kept, or the XDM event itself when nothing is closer.
    /// </summary>
    public string ToEdge(string translatedPointer)
    {
        ArgumentNullException.ThrowIfNull(translatedPointer);
        var probe = translatedPointer;
        while (probe.Length > 0)
        {
            if (_sources.TryGetValue(probe, out var edge))
            {
                return edge + translatedPointer[probe.Length..];
            }

            probe = probe[..probe.LastIndexOf('/')];
        }

        return XdmPointer;
    }
}
