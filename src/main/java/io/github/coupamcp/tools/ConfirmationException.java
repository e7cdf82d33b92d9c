package io.github.coupamcp.tools;

/** A confirmation token that cannot be used: the message says why and what to do, for the agent as it stands. */
final class ConfirmationException extends RuntimeException {
    ConfirmationException(String message) {
        super(message);
    }
}
