package io.github.coupamcp.coupa.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token with its issue and expiry times. {@link #toString()} never shows the value. A refreshed token keeps
 * the one it replaces as {@link #predecessor()}, so callers can go on with the old one while the new one propagates
 * through Coupa (tokens are rejected for about 5 s after issue).
 */
public final class AccessToken {
    /** Coupa recommends refreshing after 20 of the 24 hours a token lives. */
    static final double REFRESH_AT_FRACTION = 20.0 / 24.0;

    private final String value;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final AccessToken predecessor;

    public AccessToken(String value, Instant issuedAt, Instant expiresAt, AccessToken predecessor) {
        this.value = Objects.requireNonNull(value, "value");
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.predecessor = predecessor;
    }

    public String value() {
        return value;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public AccessToken predecessor() {
        return predecessor;
    }

    public Duration age(Instant now) {
        return Duration.between(issuedAt, now);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** When a background refresh should start. */
    public Instant refreshAt() {
        long lifetimeMillis = Duration.between(issuedAt, expiresAt).toMillis();
        return issuedAt.plusMillis((long) (lifetimeMillis * REFRESH_AT_FRACTION));
    }

    /** The token to send now: the predecessor while this one is still propagating and the old one is valid. */
    public AccessToken usable(Instant now, Duration propagation) {
        if (predecessor != null && age(now).compareTo(propagation) < 0 && !predecessor.expired(now)) {
            return predecessor;
        }
        return this;
    }

    AccessToken withoutPredecessor() {
        return predecessor == null ? this : new AccessToken(value, issuedAt, expiresAt, null);
    }

    @Override
    public String toString() {
        return "AccessToken[length=" + value.length() + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
