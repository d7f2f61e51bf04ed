namespace Playtrail.Core.Processing;

/// <summary>The JSON type of a <see cref="ContextValue"/>.</summary>
public enum ContextValueKind
{
    /// <summary>A string.</summary>
    String = 0,
    /// <summary>A number.</summary>
    Number = 1,
    /// <summary>A boolean.</summary>
    Boolean = 2,
}
