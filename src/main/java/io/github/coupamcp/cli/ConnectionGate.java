package io.github.coupamcp.cli;

import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.tools.ForwardingToolCatalog;
import io.github.coupamcp.tools.ToolCatalog;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolOutcome;
import io.github.coupamcp.tools.ToolProgress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * A server starts serving before Coupa has answered its first token request. When that answer is one retrying cannot
 * change (rejected credentials, refused scopes, a token URL that is not Coupa's), every tool call says so, without
 * asking Coupa again: the settings are read at start, so only a restart with fixed settings helps. A failure that
 * may pass (Coupa unreachable, 5xx, 429) does not close the gate: each call tries again.
 */
final class ConnectionGate extends ForwardingToolCatalog {
    private final Set<String> names;
    private final CompletableFuture<Void> firstToken;

    ConnectionGate(ToolCatalog tools, CompletableFuture<Void> firstToken) {
        super(tools);
        this.names = tools.tools().stream().map(ToolDefinition::name).collect(Collectors.toUnmodifiableSet());
        this.firstToken = firstToken;
    }

    @Override
    public ToolOutcome call(String name, ObjectNode arguments, ToolProgress progress) {
        CoupaException refusal = names.contains(name) ? refusal(firstToken) : null;
        return refusal == null ? tools.call(name, arguments, progress) : ToolOutcome.error(toolError(refusal));
    }

    @Override
    public ToolOutcome customFields() {
        CoupaException refusal = refusal(firstToken);
        return refusal == null ? tools.customFields() : ToolOutcome.error(toolError(refusal));
    }

    /** True for a start-up failure that lasts until the server is restarted with other settings. */
    static boolean lastsUntilRestart(Throwable failure) {
        return failure instanceof CoupaException e && !e.retryable();
    }

    /** The failure of the first token request if it lasts until a restart; null while pending, after success or else. */
    private static CoupaException refusal(CompletableFuture<Void> firstToken) {
        if (!firstToken.isCompletedExceptionally()) {
            return null;
        }
        try {
            firstToken.join();
            return null;
        } catch (CompletionException e) {
            return lastsUntilRestart(e.getCause()) ? (CoupaException) e.getCause() : null;
        }
    }

    static String toolError(CoupaException refusal) {
        String untilRestart = " and restart the server. Retrying will not help until then.";
        if (refusal instanceof CoupaException.AuthFailed) {
            return "Coupa rejected this server's credentials when it started: the operator must fix COUPA_CLIENT_ID"
                    + "/COUPA_CLIENT_SECRET (or activate the OAuth client in Coupa)" + untilRestart;
        }
        if (refusal instanceof CoupaException.Forbidden forbidden) {
            return "Coupa refused the OAuth scopes this server asked for when it started" + (forbidden.scope() == null
                    ? "" : " (" + forbidden.scope() + ")") + ": the operator must grant them to the OAuth client in "
                    + "Coupa or narrow COUPA_SCOPES" + untilRestart;
        }
        return "Coupa's token endpoint gave an unusable answer when this server started (" + refusal.getMessage()
                + "): the operator must check COUPA_INSTANCE_URL and COUPA_TOKEN_URL" + untilRestart;
    }
}
