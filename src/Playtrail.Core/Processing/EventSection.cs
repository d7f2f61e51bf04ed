namespace Playtrail.Core.Processing;

/// <summary>The object-valued parts of an event the processor reads.</summary>
internal enum EventSection
{
    Params,
    QoeData,
    CustomMetadata,
}
