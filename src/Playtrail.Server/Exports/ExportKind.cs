namespace Playtrail.Server.Exports;

/// <summary>What an export holds a row of.</summary>
internal enum ExportKind
{
    /// <summary>One row per processed session (<c>/api/v1/exports/sessions</c>).</summary>
    Sessions,

    /// <summary>One row per analytics call (<c>/api/v1/exports/calls</c>).</summary>
    Calls,
}
