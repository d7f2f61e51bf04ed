using System.Buffers.Binary;
using System.Text;

namespace Playtrail.Server.Tests.Operations;

/// <summary>One field of a protobuf message: its number, and its value as a varint/fixed number or as bytes.</summary>
internal readonly record struct ProtobufField(int Number, int WireType, ulong Number64, ReadOnlyMemory<byte> Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes.Span);

    public long Signed64 => unchecked((long)Number64);

    public double Double => BitConverter.Int64BitsToDouble(Signed64);
}

/// <summary>
/// A reader of the protobuf wire format, just enough to walk OTLP requests: varints, 64- and 32-bit fixed values and
/// length-delimited fields (strings, bytes, nested messages). The exporter package carries no proto types to decode with.
/// </summary>
internal static class ProtobufFields
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    public static List<ProtobufField> Read(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtobufField>();
        var position = 0;
        var span = message.Span;
        while (position < span.Length)
        {
            var key = ReadVarint(span, ref position);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case Varint:
                    fields.Add(new ProtobufField(number, wireType, ReadVarint(span, ref position), default));
                    break;
                case Fixed64:
                    fields.Add(new ProtobufField(number, wireType, BinaryPrimitives.ReadUInt64LittleEndian(span[position..]), default));
                    position += 8;
                    break;
                case LengthDelimited:
                    var length = checked((int)ReadVarint(span, ref position));
                    fields.Add(new ProtobufField(number, wireType, 0, message.Slice(position, length)));
                    position += length;
                    break;
                case Fixed32:
                    fields.Add(new ProtobufField(number, wireType, BinaryPrimitives.ReadUInt32LittleEndian(span[position..]), default));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {wireType} of field {number} is not one protobuf has.");
            }
        }

        return fields;
    }

    /// <summary>The nested messages (or strings) held in every field numbered <paramref name="number"/>.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> All(ReadOnlyMemory<byte> message, int number) =>
        Read(message).Where(field => field.Number == number).Select(field => field.Bytes);

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var current = span[position++];
            value |= (ulong)(current & 0x7F) << shift;
            if ((current & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A varint longer than ten bytes.");
    }
}
