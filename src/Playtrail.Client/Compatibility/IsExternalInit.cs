#if !NET
namespace System.Runtime.CompilerServices;

/// <summary>
/// Lets records and <c>init</c> accessors compile for netstandard2.1, whose base library predates them; the compiler
/// only needs the type to exist. The net10.0 build uses the framework's own.
/// </summary>
internal static class IsExternalInit
{
}
#endif
