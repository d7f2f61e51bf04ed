namespace Playtrail.Server.Admission;

/// <summary>
/// Decides what share of new writes to refuse so that the writes it lets in wait about <see cref="Target"/> for the
/// store. It is a proportional-integral controller of the kind RFC 8033 (PIE) describes for router queues, which
/// fits here because it drops on arrival: every <see cref="UpdateInterval"/> the refusal probability moves by how
/// far the measured store wait is above the target and by how fast it is growing, so a steady overload settles on
/// the share that keeps the queue short, and a burst shorter than <see cref="MaxBurst"/> is let through.
/// </summary>
/// <remarks>
/// The wait is measured by the callers (<see cref="Observe"/>): from handing a write to the store to getting its
/// answer back on a request thread, so it holds the write queue, the commit and any thread pool backlog. The
/// controller is pure: time comes in as timestamps, randomness as a number, so tests drive it step by step.
/// </remarks>
internal sealed class ShedController
{
    /// <summary>How often the probability is recomputed (RFC 8033 suggests 15 ms).</summary>
    public static readonly TimeSpan UpdateInterval = TimeSpan.FromMilliseconds(15);

    // Gains in probability per second of wait: the proportional term (distance from the target) and the derivative
    // term (growth since the last update). Four times RFC 8033's 0.125 and 1.25: a server's queue fills in
    // milliseconds and clients retry on their own, so reacting within a few hundred ms beats smoothness.
    private const double Alpha = 0.5;
    private const double Beta = 5.0;

    /// <summary>How long a rise of the wait is let through before anything is shed (RFC 8033's burst allowance).</summary>
    public static readonly TimeSpan MaxBurst = TimeSpan.FromMilliseconds(150);

    // With an empty store wait twice in a row the probability decays by this factor per update (as RFC 8033 does).
    private const double IdleDecay = 0.98;

    private readonly object _gate = new();
    private readonly long _updateTicks;
    private readonly double _ticksPerSecond;
    private double _probability;
    private double _previousWait;
    private double _waitSum;
    private long _samples;
    private long _lastUpdate;
    private double _burstAllowance;

    /// <param name="target">The store wait the controller aims at.</param>
    /// <param name="ticksPerSecond">The unit of the timestamps passed in (<see cref="TimeProvider.TimestampFrequency"/>).</param>
    /// <param name="start">The timestamp the first interval starts at.</param>
    public ShedController(TimeSpan target, long ticksPerSecond, long start)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(target, TimeSpan.Zero);
        Target = target;
        _ticksPerSecond = ticksPerSecond;
        _updateTicks = (long)(UpdateInterval.TotalSeconds * ticksPerSecond);
        _lastUpdate = start;
        _burstAllowance = MaxBurst.TotalSeconds;
    }

    public TimeSpan Target { get; }

    /// <summary>The share of new writes refused now, from 0 to 1.</summary>
    public double Probability
    {
        get
        {
            lock (_gate)
            {
                return _probability;
            }
        }
    }

    /// <summary>The store wait measured over the last complete interval.</summary>
    public TimeSpan LastWait
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromSeconds(_previousWait);
            }
        }
    }

    /// <summary>Records how long one write waited for the store.</summary>
    public void Observe(TimeSpan wait, long now)
    {
        lock (_gate)
        {
            UpdateIfDue(now);
            _waitSum += Math.Max(0, wait.TotalSeconds);
            _samples++;
        }
    }

    /// <summary>
    /// True when a new write arriving at <paramref name="now"/> should be refused; <paramref name="random"/> is a
    /// uniform draw in [0, 1).
    /// </summary>
    public bool ShouldShed(long now, double random)
    {
        lock (_gate)
        {
            UpdateIfDue(now);
            if (_burstAllowance > 0)
            {
                return false;
            }

            // RFC 8033's safeguard: while the wait is well under the target and the probability low, let everything
            // in, so that the tail of a past overload does not refuse writes a healthy store would take.
            if (_previousWait < Target.TotalSeconds / 2 && _probability < 0.2)
            {
                return false;
            }

            return random < _probability;
        }
    }

    private void UpdateIfDue(long now)
    {
        if (now - _lastUpdate < _updateTicks)
        {
            return;
        }

        // Intervals with nothing measured (no writes finished) count as an empty queue; several missed intervals
        // are caught up one by one, so a quiet spell brings the probability down as time passes, not at once.
        var missed = Math.Min((now - _lastUpdate) / _updateTicks, 1_000);
        for (var interval = 0; interval < missed; interval++)
        {
            var wait = interval == 0 && _samples > 0 ? _waitSum / _samples : 0;
            var target = Target.TotalSeconds;
            var probability = _probability + (Alpha * (wait - target)) + (Beta * (wait - _previousWait));
            if (wait == 0 && _previousWait == 0)
            {
                probability *= IdleDecay;
            }

            _probability = Math.Clamp(probability, 0, 1);

            // A store that was idle and is idle again earns a fresh burst allowance; any rise spends it.
            if (_probability == 0 && wait < target / 2 && _previousWait < target / 2)
            {
                _burstAllowance = MaxBurst.TotalSeconds;
            }

            _burstAllowance = Math.Max(0, _burstAllowance - UpdateInterval.TotalSeconds);
            _previousWait = wait;
        }

        _waitSum = 0;
        _samples = 0;
        _lastUpdate += missed * _updateTicks;
    }
}
