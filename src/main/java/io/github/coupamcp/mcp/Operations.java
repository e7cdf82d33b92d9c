package io.github.coupamcp.mcp;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the HTTP server offers operators besides MCP.
 *
 * @param readiness null when the server can serve tool calls now, else why not (answers {@code /readyz})
 * @param metrics the registry served at {@code /metrics}; null: no metrics endpoint
 * @param tenantReadiness one tenant's readiness (answers {@code /readyz?tenant=NAME}): null when that tenant can serve
 *     tool calls now, else why not, {@link #UNKNOWN_TENANT} when there is no such tenant; null without tenants
 */
public record Operations(Supplier<String> readiness, PrometheusMeterRegistry metrics,
        Function<String, String> tenantReadiness) {
    /** What {@code tenantReadiness} answers for a name that is no tenant's. */
    public static final String UNKNOWN_TENANT = "no such tenant";

    /** A server without tenants. */
    public Operations(Supplier<String> readiness, PrometheusMeterRegistry metrics) {
        this(readiness, metrics, null);
    }

    /** Always ready, no metrics (tests and embedders that bring their own). */
    public static final Operations NONE = new Operations(() -> null, null);
}
