package io.github.coupamcp.metrics;

import io.github.coupamcp.coupa.ClientMetrics;
import io.github.coupamcp.coupa.CoupaStatus;
import io.github.coupamcp.tools.ToolCatalog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The server's Prometheus registry: tool calls (see {@link MeteredCatalog}), the Coupa client's counters, the
 * circuit breaker, and the JVM's heap, threads and CPU. The HTTP layer adds its own (sessions, requests).
 */
public final class ServiceMetrics {
    /** Every meter of ours starts with this, so that a dashboard finds them next to the JVM's. */
    public static final String PREFIX = "coupa.mcp.";
    /** The tag naming the tenant of a meter; the server without tenants has one, {@value #DEFAULT_TENANT}. */
    public static final String TENANT_TAG = "tenant";
    public static final String DEFAULT_TENANT = "default";
    private static final String[] BREAKER_STATES = {"CLOSED", "OPEN", "HALF_OPEN", "FORCED_OPEN"};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** {@code catalog} with every call timed per tool and outcome (the server without tenants). */
    public ToolCatalog meter(ToolCatalog catalog) {
        return meter(catalog, DEFAULT_TENANT);
    }

    /** {@code catalog} of {@code tenant}, with every call timed per tenant, tool and outcome. */
    public ToolCatalog meter(ToolCatalog catalog, String tenant) {
        return new MeteredCatalog(catalog, registry, tenant);
    }

    /**
     * Publishes the Coupa connection's counters. They are read at each scrape, from whichever client exists then
     * (zero before the client is created). Micrometer holds a meter's measured object weakly: {@code status} is
     * held strongly here, else a status nobody else keeps would be collected and its meters read NaN.
     */
    public void bindUpstream(CoupaStatus status) {
        bindUpstream(DEFAULT_TENANT, () -> status);
    }

    /**
     * As above for {@code tenant}, whose connection may be replaced (a reload of the tenants file): the meters are
     * registered once per tenant and read whichever status {@code current} gives at each scrape (null: none now).
     */
    public void bindUpstream(String tenant, Supplier<CoupaStatus> current) {
        CoupaStatus status = new CoupaStatus() {
            @Override
            public String notReady() {
                CoupaStatus now = current.get();
                return now == null ? "gone" : now.notReady();
            }

            @Override
            public ClientMetrics metrics() {
                CoupaStatus now = current.get();
                return now == null ? null : now.metrics();
            }

            @Override
            public String circuitState() {
                CoupaStatus now = current.get();
                return now == null ? null : now.circuitState();
            }
        };
        Tags tags = Tags.of(TENANT_TAG, tenant);
        counter(tags, status, "upstream.requests", "HTTP exchanges with Coupa's API", ClientMetrics::requests);
        counter(tags, status, "upstream.rate.limited", "Coupa answers with status 429", ClientMetrics::rateLimited);
        counter(tags, status, "upstream.retries", "extra attempts after a 429, 5xx or I/O error", ClientMetrics::retries);
        counter(tags, status, "upstream.server.errors", "Coupa answers with a 5xx status", ClientMetrics::serverErrors);
        counter(tags, status, "upstream.io.errors", "exchanges ended without an answer", ClientMetrics::ioErrors);
        counter(tags, status, "upstream.failures", "client calls that ended in an error", ClientMetrics::failures);
        counter(tags, status, "upstream.circuit.rejections", "calls refused while the circuit was open",
                ClientMetrics::circuitRejections);
        counter(tags, status, "upstream.token.fetches", "requests to Coupa's token endpoint", ClientMetrics::tokenFetches);
        Gauge.builder(PREFIX + "upstream.rate.limit", status, s -> s.metrics() == null ? Double.NaN
                        : s.metrics().rateLimit()).tags(tags)
                .description("requests per second the client-side limit allows now").baseUnit("requests")
                .strongReference(true).register(registry);
        for (String state : BREAKER_STATES) {
            Gauge.builder(PREFIX + "upstream.circuit.state", status, s -> state.equals(s.circuitState()) ? 1 : 0)
                    .description("1 for the circuit breaker's current state").tags(tags).tag("state", state.toLowerCase(Locale.ROOT))
                    .strongReference(true).register(registry);
        }
    }

    private void counter(Tags tags, CoupaStatus status, String name, String description,
            ToLongFunction<ClientMetrics> value) {
        // measured object: the registry, which lives as long as the counter; the lambda holds the status strongly
        FunctionCounter.builder(PREFIX + name, registry, r -> {
            ClientMetrics metrics = status.metrics();
            return metrics == null ? 0 : value.applyAsLong(metrics);
        }).description(description).tags(tags).register(registry);
    }

    /** The text a Prometheus scrape reads. */
    public String scrape() {
        return registry.scrape();
    }
}
