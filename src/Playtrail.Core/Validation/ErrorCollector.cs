namespace Playtrail.Core.Validation;

/// <summary>Collects validation failures up to a cap, so a bad payload reports every problem but cannot flood.</summary>
public sealed class ErrorCollector
{
    /// <summary>The default number of failures reported for one payload.</summary>
    public const int DefaultCapacity = 100;

    private readonly List<ValidationError> _errors = [];

    /// <summary>Creates a collector that keeps at most <paramref name="capacity"/> failures.</summary>
    public ErrorCollector(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most failures kept.</summary>
    public int Capacity { get; }

    /// <summary>The failures kept, in the order found.</summary>
    public IReadOnlyList<ValidationError> Errors => _errors;

    /// <summary>True when no failure was found.</summary>
    public bool IsEmpty => _errors.Count == 0 && !Truncated;

    /// <summary>True when more failures were found than <see cref="Capacity"/>.</summary>
    public bool Truncated { get; private set; }

    /// <summary>
    /// The failures kept, plus one once any were dropped: readings taken before and after a stretch of checks differ when
    /// it found a failure, unless the collector was over capacity already.
    /// </summary>
    internal int Tally => _errors.Count + (Truncated ? 1 : 0);

    /// <summary>True when no more failures will be kept.</summary>
    public bool IsFull => _errors.Count >= Capacity;

    /// <summary>Records a failure.</summary>
    public void Add(string pointer, string rule, string message)
    {
        if (IsFull)
        {
            Truncated = true;
            return;
        }

        _errors.Add(new ValidationError(pointer, rule, message));
    }

    /// <summary>Forgets every failure, so the collector can serve another payload.</summary>
    public void Clear()
    {
        _errors.Clear();
        Truncated = false;
    }
}
