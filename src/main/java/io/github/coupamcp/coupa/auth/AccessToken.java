package io.github.coupamcp.coupa.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
    private final Set<String> grantedScopes;

    public AccessToken(String value, Instant issuedAt, Instant expiresAt, AccessToken predecessor) {
        this(value, issuedAt, expiresAt, predecessor, null);
    }

    /** {@code grantedScopes}: the scopes the token endpoint said it granted; null when it did not say. */
    public AccessToken(String value, Instant issuedAt, Instant expiresAt, AccessToken predecessor,
            Set<String> grantedScopes) {
        this.value = Objects.requireNonNull(value, "value");
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.predecessor = predecessor;
        this.grantedScopes = grantedScopes == null ? null : Set.copyOf(grantedScopes);
    }

    /** The scopes granted with this token, as its token answer listed them; empty when the answer did not say. */
    public Optional<Set<String>> grantedScopes() {
        return Optional.ofNullable(grantedScopes);
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
        return predecessor == null ? this : new AccessToken(value, issuedAt, expiresAt, null, grantedScopes);
    }

    @Override
    public String toString() {
        return "AccessToken[length=" + value.length() + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
