package io.github.coupamcp.mcp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.jetty12.server.TimedHandler;
import java.util.function.IntSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.ThreadPool;

/** The HTTP side's meters: requests (by method and status), Jetty's threads, MCP sessions held. */
final class HttpMeters {
    private HttpMeters() {}

    /** {@code handler} wrapped so that every request is timed; the gauges registered. */
    static Handler bind(MeterRegistry registry, Handler handler, ThreadPool threads, IntSupplier openSessions) {
        Gauge.builder("coupa.mcp.sessions.active", openSessions, IntSupplier::getAsInt)
                .description("MCP sessions held (Streamable HTTP and SSE)").strongReference(true).register(registry);
        new JettyServerThreadPoolMetrics(threads, Tags.empty()).bindTo(registry);
        TimedHandler timed = new TimedHandler(registry, Tags.empty());
        timed.setHandler(handler);
        return timed;
    }
}
