namespace Playtrail.Cli.Simulation;

/// <summary>
/// The simulator's clock: time stands still until <see cref="Advance"/> or <see cref="SetUtcNow"/> moves it, and
/// moving it fires every timer that falls due on the way, in due order, each with the clock set to its due time.
/// The SDK's ping timers and retry delays (<c>Task.Delay</c> on a <see cref="TimeProvider"/>) run on it, so a
/// simulated hour of playback costs what its events cost to send, not an hour.
/// </summary>
internal sealed class VirtualClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<VirtualTimer> _scheduled = [];
    private DateTimeOffset _now;
    private long _nextSequence;

    public VirtualClock(DateTimeOffset start) => _now = start;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing the timers due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        RunUntil(target);
    }

    /// <summary>Moves the clock forward to <paramref name="value"/>; a clock never goes back.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, _now);
        }

        RunUntil(value);
    }

    /// <summary>Fires, one at a time and outside the lock (a callback may set timers), each timer due by <paramref name="target"/>.</summary>
    private void RunUntil(DateTimeOffset target)
    {
        while (true)
        {
            VirtualTimer? due;
            lock (_gate)
            {
                due = null;
                foreach (var timer in _scheduled)
                {
                    if (timer.DueAt <= target && (due is null || timer.DueAt < due.DueAt || (timer.DueAt == due.DueAt && timer.Sequence < due.Sequence)))
                    {
                        due = timer;
                    }
                }

                if (due is null)
                {
                    if (target > _now)
                    {
                        _now = target;
                    }

                    return;
                }

                if (due.DueAt > _now)
                {
                    _now = due.DueAt;
                }

                if (due.Period > TimeSpan.Zero)
                {
                    due.DueAt += due.Period;
                    due.Sequence = _nextSequence++;
                }
                else
                {
                    _scheduled.Remove(due);
                }
            }

            due.Fire();
        }
    }

    private void Schedule(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _scheduled.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.DueAt = _now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            timer.Sequence = _nextSequence++;
            _scheduled.Add(timer);
        }

        // As with a real timer, a due time of zero fires now, not at the next move of the clock.
        if (dueTime == TimeSpan.Zero)
        {
            RunUntil(GetUtcNow());
        }
    }

    private void Unschedule(VirtualTimer timer)
    {
        lock (_gate)
        {
            _scheduled.Remove(timer);
        }
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(dueTime));
            }

            if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(period));
            }

            if (Volatile.Read(ref _disposed))
            {
                return false;
            }

            clock.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            Volatile.Write(ref _disposed, true);
            clock.Unschedule(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
