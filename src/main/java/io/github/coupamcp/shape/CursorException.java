package io.github.coupamcp.shape;

/** A continuation token that cannot be used; {@link #reason()} says why, for an actionable message. */
public final class CursorException extends RuntimeException {
    public enum Reason { TAMPERED, EXPIRED, MISMATCHED }

    private final Reason reason;

    public CursorException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
