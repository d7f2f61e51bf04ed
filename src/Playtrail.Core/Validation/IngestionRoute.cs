namespace Playtrail.Core.Validation;

/// <summary>The ingestion route a body was sent to; each has its own payload-structure rules.</summary>
public enum IngestionRoute
{
    /// <summary><c>POST /api/v1/sessions</c>: a <c>sessionStart</c> object, or a legacy downloaded array.</summary>
    Sessions,
    /// <summary><c>POST /api/v1/downloaded</c>: a downloaded array.</summary>
    Downloaded,
    /// <summary><c>POST /api/v1/sessions/{sid}/events</c>: one event other than <c>sessionStart</c>.</summary>
    Events,
}
