package io.github.coupamcp.coupa;

import java.time.Duration;
import java.util.List;

/**
 * Any failure talking to Coupa. Carries what an agent or operator needs and nothing secret: HTTP status
 * (0 when no response arrived), Coupa's own messages, method and path (no query string, never a token),
 * a request id for the logs, and whether retrying later can help.
 */
public class CoupaException extends RuntimeException {
    private final int status;
    private final List<String> coupaMessages;
    private final String method;
    private final String path;
    private final String requestId;
    private final boolean retryable;

    public CoupaException(String message, int status, List<String> coupaMessages, String method, String path,
            String requestId, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.coupaMessages = coupaMessages == null ? List.of() : List.copyOf(coupaMessages);
        this.method = method;
        this.path = path;
        this.requestId = requestId;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public List<String> coupaMessages() {
        return coupaMessages;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String requestId() {
        return requestId;
    }

    /** True when the same request may succeed later (429, 5xx, I/O, open circuit). */
    public boolean retryable() {
        return retryable;
    }

    /** 400: Coupa rejected the request (validation, bad filter, invalid state transition). */
    public static class BadRequest extends CoupaException {
        public BadRequest(String message, List<String> coupaMessages, String method, String path, String requestId) {
            super(message, 400, coupaMessages, method, path, requestId, false, null);
        }

        /** Any other 4xx Coupa refused (405, 409, 422, ...). */
        public BadRequest(String message, int status, List<String> coupaMessages, String method, String path,
                String requestId) {
            super(message, status, coupaMessages, method, path, requestId, false, null);
        }
    }

    /** 401 after the one allowed token refresh: credentials wrong, client disabled or token revoked. */
    public static class AuthFailed extends CoupaException {
        public AuthFailed(String message, String method, String path, String requestId) {
            super(message, 401, List.of(), method, path, requestId, false, null);
        }

        public AuthFailed(String message, int status, List<String> coupaMessages, String method, String path,
                String requestId) {
            super(message, status, coupaMessages, method, path, requestId, false, null);
        }
    }

    /** The token endpoint refused the client id / secret (401 or OAuth {@code invalid_client}): fix the configuration. */
    public static class InvalidCredentials extends AuthFailed {
        public InvalidCredentials(String message, int status, List<String> coupaMessages, String method, String path,
                String requestId) {
            super(message, status, coupaMessages, method, path, requestId);
        }
    }

    /** 403: the OAuth client lacks a scope; {@link #scope()} names it when known. */
    public static class Forbidden extends CoupaException {
        private final String scope;

        public Forbidden(String message, String scope, String method, String path, String requestId) {
            this(message, scope, 403, List.of(), method, path, requestId);
        }

        public Forbidden(String message, String scope, int status, List<String> coupaMessages, String method,
                String path, String requestId) {
            super(message, status, coupaMessages, method, path, requestId, false, null);
            this.scope = scope;
        }

        public String scope() {
            return scope;
        }
    }

    /** 404 on a record path: no record with that id. */
    public static class NotFound extends CoupaException {
        public NotFound(String message, String method, String path, String requestId) {
            this(message, List.of(), method, path, requestId);
        }

        public NotFound(String message, List<String> coupaMessages, String method, String path, String requestId) {
            super(message, 404, coupaMessages, method, path, requestId, false, null);
        }
    }

    /** 429 that outlived the retries. */
    public static class RateLimited extends CoupaException {
        public RateLimited(String message, String method, String path, String requestId) {
            super(message, 429, List.of(), method, path, requestId, true, null);
        }
    }

    /**
     * The client-side rate limit could not give a permit within the call's deadline: nothing was sent. The message
     * says how long the call would have waited and what to narrow; it is written for the agent as it stands.
     */
    public static class Throttled extends CoupaException {
        public Throttled(String message, String method, String path, String requestId) {
            super(message, 0, List.of(), method, path, requestId, true, null);
        }
    }

    /** 5xx that outlived the retries (or was not retried because the call was not idempotent). */
    public static class ServerError extends CoupaException {
        public ServerError(String message, int status, String method, String path, String requestId) {
            this(message, status, List.of(), method, path, requestId);
        }

        public ServerError(String message, int status, List<String> coupaMessages, String method, String path,
                String requestId) {
            super(message, status, coupaMessages, method, path, requestId, true, null);
        }
    }

    /** No usable answer: timeout, connection failure, circuit breaker open, total deadline spent. */
    public static class Unavailable extends CoupaException {
        public Unavailable(String message, String method, String path, String requestId, Throwable cause) {
            super(message, 0, List.of(), method, path, requestId, true, cause);
        }
    }

    /**
     * Refused without reaching Coupa: the circuit breaker is open after repeated upstream failures.
     * {@link #retryIn()} is roughly how long it keeps failing fast (zero while trial calls are in flight).
     */
    public static class CircuitOpen extends Unavailable {
        private final Duration retryIn;

        public CircuitOpen(String message, Duration retryIn, String method, String path, String requestId) {
            super(message, method, path, requestId, null);
            this.retryIn = retryIn;
        }

        public Duration retryIn() {
            return retryIn;
        }
    }

    /** An answer that is not the JSON asked for: XML, an HTML error page, a truncated or malformed body. */
    public static class UnexpectedResponse extends CoupaException {
        public UnexpectedResponse(String message, int status, String method, String path, String requestId) {
            super(message, status, List.of(), method, path, requestId, status >= 500, null);
        }

        /** E.g. a body cut off mid-way (retryable) or a 200 answered in XML (not). */
        public UnexpectedResponse(String message, int status, String method, String path, String requestId,
                boolean retryable, Throwable cause) {
            super(message, status, List.of(), method, path, requestId, retryable, cause);
        }
    }

    /** Configuration problem found before any request (bad URL, missing secret). */
    public static class Misconfigured extends CoupaException {
        public Misconfigured(String message) {
            super(message, 0, List.of(), null, null, null, false, null);
        }
    }
}
