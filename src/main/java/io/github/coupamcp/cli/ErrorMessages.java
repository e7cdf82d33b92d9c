package io.github.coupamcp.cli;

import io.github.coupamcp.config.ConfigException;
import io.github.coupamcp.coupa.CoupaException;

/** Turns failures into the one line an operator reads on stderr. */
final class ErrorMessages {
    private ErrorMessages() {}

    static boolean isConfiguration(Throwable e) {
        return e instanceof ConfigException || e instanceof CoupaException.Misconfigured;
    }

    /**
     * The line a serving command logs when Coupa refused or did not answer its first token request: it keeps serving,
     * so the line says what tool calls will do.
     */
    static String describeWhileServing(Throwable e) {
        if (ConnectionGate.lastsUntilRestart(e)) {
            return describe(e) + " Serving anyway: every tool call reports this until the server is restarted.";
        }
        String problem = e instanceof CoupaException.Unavailable ? unreachable(e) + "." : describe(e);
        return problem + " Serving anyway: each tool call tries again.";
    }

    private static String unreachable(Throwable e) {
        return "Coupa is unreachable: " + e.getMessage() + ". Check COUPA_INSTANCE_URL (and COUPA_TOKEN_URL if set),"
                + " the network or proxy";
    }

    static String describe(Throwable e) {
        if (e instanceof CoupaException.AuthFailed) {
            String message = String.valueOf(e.getMessage());
            // the client's own message usually says it all already; add the hint only where it does not
            return message.contains("COUPA_CLIENT_ID") ? message
                    : "Coupa rejected the credentials (401): check COUPA_CLIENT_ID and COUPA_CLIENT_SECRET. " + message;
        }
        if (e instanceof CoupaException.Forbidden forbidden) {
            return "Coupa refused access (403)" + (forbidden.scope() == null ? "" : ": missing scope "
                    + forbidden.scope()) + ". Add it to the OAuth client and to COUPA_SCOPES.";
        }
        if (e instanceof CoupaException.Unavailable) {
            return unreachable(e) + ", then start again.";
        }
        if (e instanceof CoupaException) {
            return "Coupa request failed: " + e.getMessage();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException) {
                return "cannot bind the HTTP address (" + e.getMessage() + "): is another server using the port?"
                        + " Choose another with --port (0 = any free port).";
            }
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
