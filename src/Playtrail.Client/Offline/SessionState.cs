namespace Playtrail.Client.Offline;

/// <summary>
/// A stored session's state, as the integer in <c>sessions.state</c>. The numbers are on disk in every existing
/// store: never renumber them. <see cref="StoreSql"/> writes them into its statements from here.
/// </summary>
internal enum SessionState
{
    /// <summary>Being recorded; not uploaded until ended (or closed by recovery).</summary>
    Open = 0,

    /// <summary>Complete and queued for upload.</summary>
    Ready = 1,

    /// <summary>Refused by the server; kept in the dead-letter list.</summary>
    Dead = 2,
}
