package io.github.coupamcp.mcp;

import io.github.coupamcp.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.jetty12.server.TimedHandler;
import java.util.function.IntSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.ThreadPool;

/** The HTTP side's meters: requests (by method and status), Jetty's threads, MCP sessions held per tenant. */
final class HttpMeters {
    private HttpMeters() {}

    /** {@code handler} wrapped so that every request is timed; the thread pool's gauges registered. */
    static Handler bind(MeterRegistry registry, Handler handler, ThreadPool threads) {
        new JettyServerThreadPoolMetrics(threads, Tags.empty()).bindTo(registry);
        TimedHandler timed = new TimedHandler(registry, Tags.empty());
        timed.setHandler(handler);
        return timed;
    }

    /** The sessions {@code tenant} holds (Streamable HTTP and SSE, settings of before a reload included). */
    static void bindSessions(MeterRegistry registry, String tenant, IntSupplier openSessions) {
        Gauge.builder("coupa.mcp.sessions.active", openSessions, IntSupplier::getAsInt)
                .description("MCP sessions held (Streamable HTTP and SSE)").tag(ServiceMetrics.TENANT_TAG, tenant)
                .strongReference(true).register(registry);
    }
}
