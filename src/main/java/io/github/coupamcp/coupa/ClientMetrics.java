package io.github.coupamcp.coupa;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * Counters of one client, readable by tests and benchmarks. Every HTTP exchange sent to the instance is one
 * {@link #requests()}; a logical call that needed three exchanges counts 3 requests and 2 retries. An exchange with
 * the token endpoint counts in {@link #tokenFetches()} instead; its retries, 429s, errors and permit waits count with
 * the others, as it shares the connection's limit and breaker.
 * The mutators are public for the client's own packages (coupa.http, coupa.auth); nothing else should call them.
 */
public final class ClientMetrics {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong logicalCalls = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong ioErrors = new AtomicLong();
    private final AtomicLong tokenFetches;
    private final AtomicLong authRetries = new AtomicLong();
    private final AtomicLong circuitRejections = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong permitWaits = new AtomicLong();
    private final AtomicLong permitWaitNanos = new AtomicLong();
    private final DoubleSupplier rateLimit;

    public ClientMetrics() {
        this(new AtomicLong());
    }

    /** {@code tokenFetches}: where requests to the token endpoint are counted (see {@link #tokenRequest()}). */
    public ClientMetrics(AtomicLong tokenFetches) {
        this(tokenFetches, () -> Double.NaN);
    }

    /** {@code rateLimit}: the current limit of the connection's rate limiter. */
    public ClientMetrics(AtomicLong tokenFetches, DoubleSupplier rateLimit) {
        this.tokenFetches = tokenFetches;
        this.rateLimit = rateLimit;
    }

    /** HTTP exchanges with the API (token endpoint excluded). */
    public long requests() {
        return requests.get();
    }

    /** Calls of the public API (list, get, create, ...), each possibly several exchanges. */
    public long logicalCalls() {
        return logicalCalls.get();
    }

    /** Extra attempts after a 429, 5xx or I/O error. */
    public long retries() {
        return retries.get();
    }

    /** Responses with status 429. */
    public long rateLimited() {
        return rateLimited.get();
    }

    /** Responses with a 5xx status. */
    public long serverErrors() {
        return serverErrors.get();
    }

    /** Exchanges that ended without a response (connect failure, timeout, reset). */
    public long ioErrors() {
        return ioErrors.get();
    }

    /** Requests to the token endpoint by this client (each connection fetches its own token). */
    public long tokenFetches() {
        return tokenFetches.get();
    }

    /** Second tries after a 401 (propagation wait or refreshed token). */
    public long authRetries() {
        return authRetries.get();
    }

    /** Calls refused without sending because the circuit was open. */
    public long circuitRejections() {
        return circuitRejections.get();
    }

    /** Logical calls that ended in a CoupaException. */
    public long failures() {
        return failures.get();
    }

    /** Requests per second the connection's client-side limit allows now (adaptive: lowered by 429s); NaN: unknown. */
    public double rateLimit() {
        return rateLimit.getAsDouble();
    }

    /** Exchanges that waited for a client-side permit (queue, pause after a 429, or slot). */
    public long permitWaits() {
        return permitWaits.get();
    }

    /** Total time those exchanges waited, in milliseconds. */
    public long permitWaitMillis() {
        return permitWaitNanos.get() / 1_000_000;
    }

    public void permitWait(Duration waited) {
        if (waited.compareTo(Duration.ZERO) > 0) {
            permitWaits.incrementAndGet();
            permitWaitNanos.addAndGet(waited.toNanos());
        }
    }

    public void request() {
        requests.incrementAndGet();
    }

    /** One HTTP request sent to the token endpoint (an attempt, so a retried token request counts twice). */
    public void tokenRequest() {
        tokenFetches.incrementAndGet();
    }

    public void logicalCall() {
        logicalCalls.incrementAndGet();
    }

    public void retry() {
        retries.incrementAndGet();
    }

    public void rateLimitedResponse() {
        rateLimited.incrementAndGet();
    }

    public void serverError() {
        serverErrors.incrementAndGet();
    }

    public void ioError() {
        ioErrors.incrementAndGet();
    }

    public void authRetry() {
        authRetries.incrementAndGet();
    }

    public void circuitRejection() {
        circuitRejections.incrementAndGet();
    }

    public void failure() {
        failures.incrementAndGet();
    }

    /** The counters, then the current rate limit (requests per second, rounded to hundredths). */
    public Map<String, Number> snapshot() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("requests", requests());
        m.put("logicalCalls", logicalCalls());
        m.put("retries", retries());
        m.put("rateLimited", rateLimited());
        m.put("serverErrors", serverErrors());
        m.put("ioErrors", ioErrors());
        m.put("tokenFetches", tokenFetches());
        m.put("authRetries", authRetries());
        m.put("circuitRejections", circuitRejections());
        m.put("failures", failures());
        m.put("permitWaits", permitWaits());
        m.put("permitWaitMillis", permitWaitMillis());
        m.put("rateLimit", Math.round(rateLimit() * 100) / 100.0);
        return m;
    }

    @Override
    public String toString() {
        return "ClientMetrics" + snapshot();
    }
}
