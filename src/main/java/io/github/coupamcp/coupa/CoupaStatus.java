package io.github.coupamcp.coupa;

/** What operations (readiness probes, metrics) may ask of a Coupa connection. Never a secret in any answer. */
public interface CoupaStatus {
    /** A connection with nothing behind it (tests, fakes): always ready, no counters. */
    CoupaStatus NONE = new CoupaStatus() {
        @Override
        public String notReady() {
            return null;
        }

        @Override
        public ClientMetrics metrics() {
            return null;
        }

        @Override
        public String circuitState() {
            return null;
        }
    };

    /**
     * Null when a call could be served now, else why not. Costs no API request: it holds a valid token (fetched if
     * the cached one expired, which proves the token endpoint reachable and the credentials good) and the circuit
     * breaker, fed by real traffic, is not open.
     */
    String notReady();

    /** The client's counters; null while the client is still being created. */
    ClientMetrics metrics();

    /** The circuit breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ...); null when unknown. */
    String circuitState();
}
