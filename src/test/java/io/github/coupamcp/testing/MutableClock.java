package io.github.coupamcp.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one test clock: moves only when told, so expiry, token propagation and backoff need no real waiting.
 * {@link #sleep} is a sleeper that advances the clock instead of waiting and records the wait. Thread-safe.
 */
public final class MutableClock extends Clock {
    /** Where clocks start unless a test says otherwise. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-15T12:00:00Z");

    private final AtomicReference<Instant> now;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public MutableClock() {
        this(DEFAULT_START);
    }

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /** A fake wait: records {@code d} and moves the clock by it. */
    public void sleep(Duration d) {
        sleeps.add(d);
        advance(d);
    }

    /** Waits passed to {@link #sleep}, in order. */
    public List<Duration> sleeps() {
        return sleeps;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
