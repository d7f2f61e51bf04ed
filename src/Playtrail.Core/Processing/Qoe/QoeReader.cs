using System.Text.Json;

namespace Playtrail.Core.Processing;

/// <summary>
/// Reads the QoE values of any event. <c>qoeData</c> is the canonical place and wins; <c>params</c> is read too because
/// the 2026 pages put the keys there (docs/reference/media-collection-api.md#qoe-keys,
/// docs/decisions/0007-strict-validation-qoe-anywhere.md). Allocates only for error ids.
/// </summary>
internal static class QoeReader
{
    public static QoeSample Read(ReadOnlySpan<byte> json, bool isError)
    {
        QoeSample fromQoeData = default, fromParams = default;
        var reader = new Utf8JsonReader(json);
        if (!EventJson.Begin(ref reader))
        {
            return default;
        }

        while (EventJson.NextSection(ref reader, out var section))
        {
            switch (section)
            {
                case EventSection.QoeData:
                    ReadSection(ref reader, ref fromQoeData, isError);
                    break;
                case EventSection.Params:
                    ReadSection(ref reader, ref fromParams, isError);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return QoeSample.Merge(fromQoeData, fromParams);
    }

    private static void ReadSection(ref Utf8JsonReader reader, ref QoeSample sample, bool isError)
    {
        while (EventJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("media.qoe.bitrate"u8))
            {
                sample.Bitrate = EventJson.Number(ref reader);
            }
            else if (reader.ValueTextEquals("media.qoe.droppedFrames"u8))
            {
                sample.DroppedFrames = EventJson.Number(ref reader);
            }
            else if (reader.ValueTextEquals("media.qoe.framesPerSecond"u8))
            {
                sample.FramesPerSecond = EventJson.Number(ref reader);
            }
            else if (reader.ValueTextEquals("media.qoe.timeToStart"u8))
            {
                sample.TimeToStart = EventJson.Number(ref reader);
            }
            else if (isError && (reader.ValueTextEquals("media.qoe.errorID"u8) || reader.ValueTextEquals("media.errorId"u8)))
            {
                sample.ErrorId = EventJson.String(ref reader);
            }
            else if (isError && (reader.ValueTextEquals("media.qoe.errorSource"u8) || reader.ValueTextEquals("media.errorSource"u8)))
            {
                sample.ErrorSource = EventJson.String(ref reader);
            }
            else
            {
                EventJson.Skip(ref reader);
            }
        }
    }
}
