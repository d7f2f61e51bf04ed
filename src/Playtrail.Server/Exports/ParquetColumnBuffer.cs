using Parquet;
using Parquet.Schema;

namespace Playtrail.Server.Exports;

/// <summary>The values of one column for the row group being filled.</summary>
internal abstract class ParquetColumnBuffer(DataField field)
{
    public DataField Field { get; } = field;

    /// <summary>Writes the buffered values as this column's chunk of <paramref name="group"/>.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken);

    /// <summary>Empties the buffer, keeping its arrays for the next row group.</summary>
    public abstract void Clear();
}

/// <summary>
/// Values of type <typeparamref name="T"/> (strings as <see cref="ReadOnlyMemory{Char}"/>), nullable or not as the
/// field is. The arrays grow by doubling up to the row group size and are reused from one row group to the next.
/// </summary>
internal sealed class ParquetColumnBuffer<T>(DataField field) : ParquetColumnBuffer(field)
    where T : struct
{
    private const int InitialCapacity = 1024;

    private T[] _values = field.IsNullable ? [] : new T[InitialCapacity];
    private T?[] _nullableValues = field.IsNullable ? new T?[InitialCapacity] : [];
    private int _count;

    public void Add(T? value)
    {
        if (Field.IsNullable)
        {
            if (_count == _nullableValues.Length)
            {
                Array.Resize(ref _nullableValues, _count * 2);
            }

            _nullableValues[_count++] = value;
        }
        else
        {
            if (_count == _values.Length)
            {
                Array.Resize(ref _values, _count * 2);
            }

            _values[_count++] = value ?? throw new InvalidOperationException($"Column '{Field.Name}' is not nullable but was given null.");
        }
    }

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        Field.IsNullable
            ? group.WriteAsync(Field, new ReadOnlyMemory<T?>(_nullableValues, 0, _count), cancellationToken: cancellationToken)
            : group.WriteAsync(Field, new ReadOnlyMemory<T>(_values, 0, _count), cancellationToken: cancellationToken);

    public override void Clear()
    {
        // Clearing drops the references strings hold, so a written row group's text can be collected.
        if (Field.IsNullable)
        {
            Array.Clear(_nullableValues, 0, _count);
        }
        else
        {
            Array.Clear(_values, 0, _count);
        }

        _count = 0;
    }
}
