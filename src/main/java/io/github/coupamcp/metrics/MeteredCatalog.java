package io.github.coupamcp.metrics;

import io.github.coupamcp.tools.ForwardingToolCatalog;
import io.github.coupamcp.tools.ToolCatalog;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolOutcome;
import io.github.coupamcp.tools.ToolProgress;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * Times every tool call per tool and outcome ({@code ok}, {@code error}: an error result the agent sees,
 * {@code exception}: a bug). Buckets are fixed rather than Micrometer's percentile histogram, which would publish
 * about 70 series per tool and outcome.
 */
final class MeteredCatalog extends ForwardingToolCatalog {
    static final String NAME = ServiceMetrics.PREFIX + "tool.calls";
    /** From a cached answer to a long scan (the scan deadline defaults to 120 s). */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final MeterRegistry registry;
    /** Only published names become tag values: a client inventing names must not create series. */
    private final Set<String> names;

    private final String tenant;

    MeteredCatalog(ToolCatalog tools, MeterRegistry registry, String tenant) {
        super(tools);
        this.registry = registry;
        this.tenant = tenant;
        this.names = tools.tools().stream().map(ToolDefinition::name).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public ToolOutcome call(String name, ObjectNode arguments, ToolProgress progress) {
        long start = System.nanoTime();
        String outcome = "exception";
        try {
            ToolOutcome result = tools.call(name, arguments, progress);
            outcome = result.isError() ? "error" : "ok";
            return result;
        } finally {
            timer(names.contains(name) ? name : "unknown", outcome).record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private Timer timer(String tool, String outcome) {
        return Timer.builder(NAME).description("tool calls by tenant, tool and outcome")
                .tag(ServiceMetrics.TENANT_TAG, tenant).tag("tool", tool).tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
