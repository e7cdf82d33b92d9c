package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.shape.CursorException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into an error outcome that tells the agent (or the operator) what to do next. No stack
 * trace, no secret: Coupa's own messages and request ids are safe, tokens never reach an exception message.
 */
final class ToolErrorMessages {
    private static final Logger LOG = LoggerFactory.getLogger(ToolErrorMessages.class);

    private ToolErrorMessages() {}

    static ToolOutcome invalidArguments(ToolSpec spec, InvalidArgumentsException e) {
        return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, "Invalid arguments for " + spec.name() + ": " + String.join("; ", e.problems())
                + ". Fix them and call " + spec.name() + " again.");
    }

    static ToolOutcome cursor(ToolSpec spec, CursorException e) {
        String restart = "Restart the listing: call " + spec.name() + " without cursor";
        return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, switch (e.reason()) {
            case TAMPERED -> "The cursor is not valid: it was altered, truncated or issued by another server "
                    + "configuration. " + restart + ".";
            case EXPIRED -> "The cursor has expired. " + restart + " (and the same filters).";
            case MISMATCHED -> "The cursor belongs to a different listing (" + e.getMessage() + "; another tool, or "
                    + "other filters or fields). Pass the cursor with exactly the arguments of the first page "
                    + "(limit may change). Otherwise " + restart.substring(0, 1).toLowerCase() + restart.substring(1) + ".";
        });
    }

    /** {@code id} is the record asked for, or null when the call was not about one record. */
    static ToolOutcome coupa(ToolSpec spec, CoupaException e, Long id) {
        KindBlock b = spec.block();
        String ref = e.requestId() == null ? "" : " (Coupa request id " + e.requestId() + ")";
        if (e instanceof CoupaException.NotFound && id != null) {
            return ToolOutcome.error(ToolOutcome.Failure.NOT_FOUND, "No " + b.entity() + " with id " + id + ". Use " + b.listTool() + " to find ids.");
        }
        if (e instanceof CoupaException.NotFound) {
            return ToolOutcome.error("Coupa answered 404 Not Found for " + b.resource() + ref
                    + ". Check the instance URL configured for this server.");
        }
        if (e instanceof CoupaException.BadRequest) {
            String messages = e.coupaMessages().isEmpty() ? e.getMessage() : String.join("; ", e.coupaMessages());
            return ToolOutcome.error("Coupa rejected the request: " + messages + ref
                    + ". Adjust the arguments and call " + spec.name() + " again.");
        }
        if (e instanceof CoupaException.Forbidden f) {
            String scope = f.scope() != null ? f.scope() : b.scope();
            return ToolOutcome.error("The Coupa OAuth client is not allowed to " + (b.writes() ? "change " : "read ")
                    + b.entities() + (b.writes() ? " (nothing was written)" : "") + ": it lacks "
                    + "the scope " + scope + ". The operator must grant " + scope + " to the OAuth client in Coupa "
                    + "(Setup > OAuth2/OpenID Connect Clients) and include it in COUPA_SCOPES, then restart. "
                    + "Retrying will not help until then.");
        }
        if (e instanceof CoupaException.AuthFailed) {
            return ToolOutcome.error("Coupa rejected this server's credentials (401). The operator must check "
                    + "COUPA_CLIENT_ID and COUPA_CLIENT_SECRET and that the OAuth client is active. Retrying will "
                    + "not help until then.");
        }
        if (e instanceof CoupaException.Throttled) {
            return ToolOutcome.error(e.getMessage());
        }
        if (e instanceof CoupaException.RateLimited) {
            // The client's message says how many attempts were made, and why no more.
            return ToolOutcome.error(e.getMessage() + ". Coupa is rate limiting requests: retry in a minute, and ask"
                    + " for fewer pages at once.");
        }
        if (e instanceof CoupaException.CircuitOpen) {
            // The client's message says what happened and when to try again.
            return ToolOutcome.error(e.getMessage() + ".");
        }
        if (e instanceof CoupaException.ServerError || e instanceof CoupaException.Unavailable) {
            // The client's message says what happened: which answer or failure, after how many attempts, and why
            // no more.
            boolean gatewayOrNoAnswer = e.status() == 0 || e.status() == 502 || e.status() == 503 || e.status() == 504;
            return ToolOutcome.error(e.getMessage() + ref + (gatewayOrNoAnswer ? ". Retry in a minute."
                    : ". Coupa could not process this request: check the arguments (a date or value out of range can "
                            + "cause this); if they look right, retry later."));
        }
        if (e instanceof CoupaException.UnexpectedResponse) {
            return ToolOutcome.error("Coupa sent an unexpected answer (not the JSON asked for" + statusText(e) + ")"
                    + ref + ". Retry in a minute; if it persists the operator should check COUPA_INSTANCE_URL.");
        }
        if (e instanceof CoupaException.Misconfigured) {
            return ToolOutcome.error("The server is misconfigured: " + e.getMessage()
                    + ". The operator must fix the configuration; retrying will not help.");
        }
        return ToolOutcome.error("Coupa request failed" + statusText(e) + ref + ": " + e.getMessage()
                + (e.retryable() ? ". Retry in a minute." : "."));
    }

    static ToolOutcome overBudget(ToolSpec spec, int maxChars) {
        return ToolOutcome.error("The result of " + spec.name() + " does not fit the response budget (" + maxChars + " characters). "
                + "Ask for less and call " + spec.name() + " again: fewer fields, a smaller limit or narrower filters.");
    }

    /** A bug, not a user error: logged with a reference the agent can quote, details only in the log. */
    static ToolOutcome unexpected(ToolSpec spec, RuntimeException e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Tool {} failed unexpectedly (reference {})", spec.name(), reference, e);
        return ToolOutcome.error("Internal error in " + spec.name() + " (reference " + reference + "). "
                + (spec.block().writes() ? "If this was a confirmed write it may or may not have happened: call "
                + spec.name() + " again with the same confirmation_token, which checks first and never writes twice."
                : "Nothing was changed. Retry once; if it fails again, report the reference to the server operator."));
    }

    private static String statusText(CoupaException e) {
        return e.status() > 0 ? ", HTTP " + e.status() : "";
    }
}
