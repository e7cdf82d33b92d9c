package io.github.coupamcp.coupa;

import io.github.coupamcp.coupa.http.ClientRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told; its sleeper advances it instead of waiting and records every wait. */
public final class FakeClock extends Clock {
    private final AtomicLong millis = new AtomicLong(Instant.parse("2026-11-28T03:00:00Z").toEpochMilli());
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public void advance(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    /** Waits asked for by the client, in order. */
    public List<Duration> sleeps() {
        return sleeps;
    }

    /** Fake time, no real waiting, jitter fixed at its maximum so backoff is deterministic. */
    public ClientRuntime runtime() {
        return new ClientRuntime(this, d -> {
            sleeps.add(d);
            advance(d);
        }, () -> 1.0);
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
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }
}
