package io.github.coupamcp.prompts;

/** The arguments of a prompt request are missing, unknown or too long; the message says what to send instead. */
public final class PromptArgumentsException extends RuntimeException {
    public PromptArgumentsException(String message) {
        super(message);
    }
}
