package io.github.coupamcp.mcp;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

/**
 * What the HTTP server offers operators besides MCP.
 *
 * @param readiness null when the server can serve tool calls now, else why not (answers {@code /readyz})
 * @param metrics the registry served at {@code /metrics}; null: no metrics endpoint
 */
public record Operations(Supplier<String> readiness, PrometheusMeterRegistry metrics) {
    /** Always ready, no metrics (tests and embedders that bring their own). */
    public static final Operations NONE = new Operations(() -> null, null);
}
