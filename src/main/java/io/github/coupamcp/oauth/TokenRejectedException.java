package io.github.coupamcp.oauth;

/**
 * An access token was not accepted. The description is safe to show the client: it never contains the token.
 */
public final class TokenRejectedException extends Exception {
    /** How the HTTP layer answers: RFC 6750 error codes plus our own side being unable to check. */
    public enum Reason {
        /** 401 {@code invalid_token}: malformed, expired, wrong issuer or audience, bad signature, unknown key. */
        INVALID_TOKEN,
        /** 403 {@code insufficient_scope}: a valid token without the scopes this server requires. */
        INSUFFICIENT_SCOPE,
        /** 503: the issuer's metadata or keys cannot be fetched, so no token can be checked right now. */
        ISSUER_UNAVAILABLE
    }

    private final Reason reason;

    public TokenRejectedException(Reason reason, String description) {
        super(description, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
