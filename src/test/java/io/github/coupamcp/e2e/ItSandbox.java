package io.github.coupamcp.e2e;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.FaultRule;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.sandbox.data.Scale;
import io.github.coupamcp.sandbox.data.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Coupa sandbox for every end-to-end test in this JVM. Servers under test reach it the way they reach a real
 * instance: through COUPA_* variables, so the real configuration path is exercised too.
 */
final class ItSandbox {
    /** Server and client agree on it, as they do by default against Coupa (5 s each). */
    static final Duration TOKEN_DELAY = Duration.ofMillis(300);
    private static final String[] STATUS_ACTIONS = {"dispute", "withdraw_dispute", "submit", "void", "abandon"};
    private static ItSandbox shared;

    final Sandbox sandbox;

    private ItSandbox(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    static synchronized ItSandbox shared() {
        if (shared == null) {
            Sandbox sandbox = Sandbox.start(SandboxOptions.builder()
                    .port(0)
                    .seed(42)
                    .scale(Scale.SMALL)
                    .tokenPropagationDelay(TOKEN_DELAY)
                    .build());
            Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
            shared = new ItSandbox(sandbox);
        }
        return shared;
    }

    /** What a server process needs to use this sandbox as its Coupa instance; retries kept short for tests. */
    Map<String, String> serverEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("COUPA_INSTANCE_URL", sandbox.baseUrl());
        env.put("COUPA_CLIENT_ID", sandbox.clientId());
        env.put("COUPA_CLIENT_SECRET", sandbox.clientSecret());
        env.put("COUPA_TOKEN_PROPAGATION_DELAY", TOKEN_DELAY.toMillis() + "ms");
        env.put("COUPA_MAX_ATTEMPTS", "2");
        env.put("COUPA_RETRY_DEADLINE", "5s");
        env.put("COUPA_MCP_CURSOR_KEY", "it-cursor-key-0123456789abcdef");
        return env;
    }

    SandboxCollection invoices() {
        return sandbox.store().collection("invoices");
    }

    Set<Long> invoiceIds() {
        return new TreeSet<>(invoices().ids());
    }

    /**
     * Moves invoices behind and ahead of {@code position} to another status, as approvers and AP clerks would;
     * returns the ids that changed.
     */
    List<Long> changeSomeInvoiceStatuses(long position) {
        List<Long> changed = new ArrayList<>();
        Long behind = invoices().ids().floor(position);
        Long ahead = invoices().ids().higher(position);
        Long further = ahead == null ? null : invoices().ids().higher(ahead + 7);
        for (Long id : new Long[] {behind, ahead, further}) {
            if (id != null && changeStatus(id)) {
                changed.add(id);
            }
        }
        return changed;
    }

    /** Ids of the invoices whose status is one of {@code statuses} right now. */
    Set<Long> invoiceIdsWithStatus(Set<String> statuses) {
        Set<Long> ids = new TreeSet<>();
        for (long id : invoices().ids()) {
            if (statuses.contains(invoices().render(id).path("status").asString())) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Whichever of Coupa's invoice actions the record's current status allows. */
    private boolean changeStatus(long id) {
        for (String action : STATUS_ACTIONS) {
            if (invoices().action(id, action, Json.object(), Map.of()) instanceof WriteResult.Ok) {
                return true;
            }
        }
        return false;
    }

    void failInvoices(int status) {
        sandbox.control().fault(FaultRule.always(FaultRule.Kind.STATUS, status).onPath("/api/invoices"));
    }

    void clearFaults() {
        sandbox.control().clearFaults();
    }
}
