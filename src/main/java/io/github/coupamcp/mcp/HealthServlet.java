package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * Liveness at {@code /healthz} (the process serves HTTP; for Docker's HEALTHCHECK) and readiness at {@code /readyz}
 * (tool calls can be served: Coupa connected, token valid, circuit not open), with tenants also per tenant at
 * {@code /readyz?tenant=NAME} (a load balancer routing one tenant need not drop the replica for another's Coupa).
 * Both are open even when a token is required. Readiness is computed at most once per {@link #READINESS_TTL}, so that probes of many load balancers
 * cost Coupa nothing more.
 */
final class HealthServlet extends HttpServlet {
    static final String BODY = "{\"status\":\"ok\"}";
    static final Duration READINESS_TTL = Duration.ofSeconds(5);

    private final Supplier<String> readiness;
    private final Function<String, String> tenantReadiness;
    private final long ttlNanos;
    /** The last answer per question (null: the whole server), reused for a while. */
    private final Map<String, Checked> checked = new HashMap<>(); // guarded by this

    private record Checked(String problem, long at) {}

    HealthServlet(Supplier<String> readiness) {
        this(readiness, null, READINESS_TTL);
    }

    HealthServlet(Supplier<String> readiness, Function<String, String> tenantReadiness) {
        this(readiness, tenantReadiness, READINESS_TTL);
    }

    HealthServlet(Supplier<String> readiness, Function<String, String> tenantReadiness, Duration ttl) {
        this.readiness = readiness;
        this.tenantReadiness = tenantReadiness;
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        if (!HttpServer.READY_PATH.equals(request.getServletPath())) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.getOutputStream().write(BODY.getBytes(StandardCharsets.UTF_8));
            return;
        }
        String tenant = ToolSessions.queryParameter(request.getQueryString(), "tenant");
        if (tenant != null && tenantReadiness == null) {
            answer(response, HttpServletResponse.SC_NOT_FOUND, Json.object().put("status", "unknown_tenant")
                    .put("reason", "this server has no tenants file: ask /readyz"));
            return;
        }
        String problem = problem(tenant);
        if (Operations.UNKNOWN_TENANT.equals(problem)) {
            answer(response, HttpServletResponse.SC_NOT_FOUND, Json.object().put("status", "unknown_tenant")
                    .put("reason", "no tenant of this server has that name"));
            return;
        }
        ObjectNode body = Json.object().put("status", problem == null ? "ready" : "not_ready");
        if (problem != null) {
            body.put("reason", problem);
        }
        answer(response, problem == null ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE, body);
    }

    private static void answer(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        response.setStatus(status);
        response.getOutputStream().write(Json.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }

    /** Why the server ({@code tenant} null) or that tenant cannot serve tool calls; unknown names are not kept. */
    private synchronized String problem(String tenant) {
        long now = System.nanoTime();
        Checked last = checked.get(tenant);
        if (last != null && now - last.at() < ttlNanos) {
            return last.problem();
        }
        String problem;
        try {
            problem = tenant == null ? readiness.get() : tenantReadiness.apply(tenant);
        } catch (RuntimeException e) { // a probe answers, whatever the check does
            problem = "readiness check failed";
        }
        if (!Operations.UNKNOWN_TENANT.equals(problem)) {
            checked.put(tenant, new Checked(problem, now));
        }
        return problem;
    }
}
