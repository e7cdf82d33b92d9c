package io.github.coupamcp.sandbox.query;

/** A malformed request parameter; answered with Coupa's 400 {@code {"errors": {key: [message]}}}. */
public final class BadQueryException extends RuntimeException {
    private final String key;

    public BadQueryException(String key, String message) {
        super(message, null, false, false);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
