package io.github.coupamcp.coupa.http;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Process-wide objects shared by every client of the same key (one token cache per OAuth client, one rate limiter
 * per instance), counted by users: the last {@link #release} forgets the object, so a later client of the same key
 * (a reconfigured server, a test server reusing a port) starts fresh instead of inheriting stale state.
 */
public final class SharedRegistry<K, V> {
    private final Map<K, Shared<V>> entries = new HashMap<>();

    /** The object for {@code key}, created by {@code factory} when nobody holds one; counts one more user. */
    public synchronized V acquire(K key, Function<K, V> factory) {
        Shared<V> shared = entries.computeIfAbsent(key, k -> new Shared<>(factory.apply(k)));
        shared.users++;
        return shared.value;
    }

    /** Counts one user less; true when that was the last one and the caller should dispose of {@code value}. */
    public synchronized boolean release(K key, V value) {
        Shared<V> shared = entries.get(key);
        if (shared == null || shared.value != value) {
            return false;
        }
        if (--shared.users > 0) {
            return false;
        }
        entries.remove(key);
        return true;
    }

    private static final class Shared<V> {
        private final V value;
        private int users;

        private Shared(V value) {
            this.value = value;
        }
    }
}
