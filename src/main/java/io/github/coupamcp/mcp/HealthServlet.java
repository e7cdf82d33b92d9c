package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * Liveness at {@code /healthz} (the process serves HTTP; for Docker's HEALTHCHECK) and readiness at {@code /readyz}
 * (tool calls can be served: Coupa connected, token valid, circuit not open). Both are open even when a token is
 * required. Readiness is computed at most once per {@link #READINESS_TTL}, so that probes of many load balancers
 * cost Coupa nothing more.
 */
final class HealthServlet extends HttpServlet {
    static final String BODY = "{\"status\":\"ok\"}";
    static final Duration READINESS_TTL = Duration.ofSeconds(5);

    private final Supplier<String> readiness;
    private final long ttlNanos;
    private String lastProblem; // guarded by this
    private long checkedAt; // guarded by this
    private boolean checked; // guarded by this

    HealthServlet(Supplier<String> readiness) {
        this(readiness, READINESS_TTL);
    }

    HealthServlet(Supplier<String> readiness, Duration ttl) {
        this.readiness = readiness;
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
        String problem = problem();
        ObjectNode body = Json.object().put("status", problem == null ? "ready" : "not_ready");
        if (problem != null) {
            body.put("reason", problem);
        }
        response.setStatus(problem == null ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.getOutputStream().write(Json.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }

    private synchronized String problem() {
        long now = System.nanoTime();
        if (!checked || now - checkedAt >= ttlNanos) {
            try {
                lastProblem = readiness.get();
            } catch (RuntimeException e) { // a probe answers, whatever the check does
                lastProblem = "readiness check failed";
            }
            checkedAt = now;
            checked = true;
        }
        return lastProblem;
    }
}
