package io.github.coupamcp.coupa.auth;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.http.ClientRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access token of one (instance, client, scopes), in a Caffeine async cache:
 * <ul>
 *   <li>single flight: concurrent callers of an absent token share one token request;</li>
 *   <li>eager: {@link #prefetch()} starts the first request at start-up, so Coupa's propagation window passes while
 *       the rest of the server initialises;</li>
 *   <li>refreshed in the background once {@link AccessToken#refreshAt()} passes, while callers keep the current
 *       token (and keep it a little longer, until the new one has propagated);</li>
 *   <li>expired a little before the token does, so nobody sends a token about to lapse.</li>
 * </ul>
 * One cache per Coupa connection: its client object creates it and closes it, and every MCP session served by that
 * client shares its token. Another connection, even with the same credentials, has its own cache and token; there is
 * no process-wide registry, so a connection's settings (propagation delay, runtime) are always its own. Token
 * requests go through the connection's transport ({@link TokenEndpoint}), hence through its rate limit and circuit
 * breaker.
 */
public final class TokenCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);
    private static final String KEY = "token";
    /** Tokens are dropped this long before Coupa would reject them (clock skew, request in flight). */
    static final Duration EXPIRY_SAFETY = Duration.ofSeconds(30);
    /** After a failed background refresh, wait this long before trying again (the current token still works). */
    static final Duration REFRESH_RETRY_PAUSE = Duration.ofSeconds(30);

    private final TokenEndpoint endpoint;
    private final ClientRuntime runtime;
    private final Duration propagation;
    private final ExecutorService executor;
    private final AsyncLoadingCache<String, AccessToken> cache;
    private final AtomicReference<Instant> nextRefreshAllowed = new AtomicReference<>(Instant.MIN);
    /** The eager request started by {@link #prefetch()}, until the first caller has seen its outcome. */
    private final AtomicReference<CompletableFuture<AccessToken>> prefetched = new AtomicReference<>();

    /** A cache with no token yet: {@link #prefetch()} or the first {@link #current()} asks for one. */
    public TokenCache(TokenEndpoint endpoint, ClientRuntime runtime, Duration propagation) {
        this.endpoint = endpoint;
        this.runtime = runtime;
        this.propagation = propagation;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "coupa-token");
            t.setDaemon(true);
            return t;
        });
        this.cache = Caffeine.newBuilder()
                .executor(executor)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(runtime.clock().millis()))
                .expireAfter(new TokenExpiry())
                .buildAsync(new Loader());
    }

    /**
     * Starts fetching the token without waiting for it. Its outcome, failure included, is what the next
     * {@link #current()} reports: bad credentials surface on the first call instead of being retried silently.
     */
    public void prefetch() {
        prefetched.set(freshOrPending());
    }

    /** The token to send now, fetching it if needed (one request however many callers wait). */
    public AccessToken current() {
        // The eager request's outcome goes to the first caller, failure included, also when it is still in flight:
        // checking "failed?" and then asking the cache could see it fail in between, and the cache would then start
        // a new request and hide the failure. A successful one is the cache's own entry anyway.
        CompletableFuture<AccessToken> first = prefetched.getAndSet(null);
        boolean firstOutcome = first != null && (!first.isDone() || first.isCompletedExceptionally());
        AccessToken token = join(firstOutcome ? first : freshOrPending());
        Instant now = runtime.clock().instant();
        if (!now.isBefore(token.refreshAt())) {
            refreshInBackground(now);
        }
        return token.usable(now, propagation);
    }

    /**
     * The cached (or in-flight) token request. Caffeine drops a failed request only after its completion callbacks
     * ran, so a caller arriving in between would be handed an old failure: such a request is discarded here and a new
     * one started, so a failure is never cached beyond its first report (a fixed secret or a recovered Coupa works
     * on the next call). Only a request already cached counts as old: one this caller starts may fail before it looks
     * (an open circuit refuses in microseconds), and discarding that would send a second request for one caller.
     */
    private CompletableFuture<AccessToken> freshOrPending() {
        CompletableFuture<AccessToken> cached = cache.getIfPresent(KEY);
        if (cached != null && cached.isCompletedExceptionally()) {
            cache.asMap().remove(KEY, cached);
        }
        return cache.get(KEY);
    }

    /** Drops {@code rejected} (Coupa answered 401 to it) unless another caller already replaced it. */
    public void invalidate(AccessToken rejected) {
        cache.asMap().computeIfPresent(KEY, (k, future) -> {
            AccessToken cached = future.getNow(null);
            if (cached == null) {
                return future;
            }
            if (cached == rejected) {
                return null;
            }
            if (cached.predecessor() == rejected) {
                return CompletableFuture.completedFuture(cached.withoutPredecessor());
            }
            return future;
        });
    }

    private void refreshInBackground(Instant now) {
        Instant allowed = nextRefreshAllowed.get();
        if (now.isBefore(allowed) || !nextRefreshAllowed.compareAndSet(allowed, now.plus(REFRESH_RETRY_PAUSE))) {
            return;
        }
        LOG.debug("coupa token due for refresh; refreshing in the background");
        // Caffeine coalesces refreshes of one key: at most one token request in flight.
        cache.synchronous().refresh(KEY);
    }

    private static AccessToken join(CompletableFuture<AccessToken> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoupaException.Unavailable("interrupted while waiting for a Coupa token", "POST", null, null, e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof CoupaException ce) {
                throw ce;
            }
            // Not a CoupaException: a bug, whose class name is for the log, not for the message.
            LOG.warn("could not obtain a Coupa token", cause);
            throw new CoupaException.Unavailable("could not obtain a Coupa token (unexpected error, see the server "
                    + "log)", "POST", null, null, cause);
        }
    }

    /**
     * Waits until the token requests started so far (eager, background refresh) have finished and the cache holds
     * their outcome: they all run on the one token thread, in order. For tests, which must not guess with sleeps.
     */
    void awaitTokenRequests(Duration timeout) throws Exception {
        executor.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the cache: a token request in flight is interrupted, the token forgotten. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private final class Loader implements AsyncCacheLoader<String, AccessToken> {
        @Override
        public CompletableFuture<AccessToken> asyncLoad(String key, Executor unused) {
            return CompletableFuture.supplyAsync(endpoint::fetch, executor);
        }

        @Override
        public CompletableFuture<AccessToken> asyncReload(String key, AccessToken old, Executor unused) {
            return CompletableFuture.supplyAsync(() -> {
                AccessToken fresh = endpoint.fetch();
                Instant now = runtime.clock().instant();
                AccessToken keep = old.expired(now) ? null : old.withoutPredecessor();
                return new AccessToken(fresh.value(), fresh.issuedAt(), fresh.expiresAt(), keep,
                        fresh.grantedScopes().orElse(null));
            }, executor);
        }
    }

    private final class TokenExpiry implements Expiry<String, AccessToken> {
        @Override
        public long expireAfterCreate(String key, AccessToken token, long currentTime) {
            return remaining(token);
        }

        @Override
        public long expireAfterUpdate(String key, AccessToken token, long currentTime, long currentDuration) {
            return remaining(token);
        }

        @Override
        public long expireAfterRead(String key, AccessToken token, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private long remaining(AccessToken token) {
            Duration left = Duration.between(runtime.clock().instant(), token.expiresAt()).minus(safety(token));
            return Math.max(0, left.toNanos());
        }

        /** 30 s, or a twentieth of the lifetime for short-lived tokens. */
        private Duration safety(AccessToken token) {
            Duration lifetime = Duration.between(token.issuedAt(), token.expiresAt());
            Duration twentieth = lifetime.dividedBy(20);
            return twentieth.compareTo(EXPIRY_SAFETY) < 0 ? twentieth : EXPIRY_SAFETY;
        }
    }
}
