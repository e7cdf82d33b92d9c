package io.github.coupamcp.mcp;

/**
 * The SDK runs every tool handler of a sync server on Reactor's shared bounded-elastic pool, which Reactor caps at
 * ten threads per core, and a tool call blocks its thread while it waits for Coupa (its rate limit, retries, a
 * scan). Every tenant's calls share that pool: on two cores, the calls of one tenant queued at its own Coupa rate
 * limit held all 20 threads and every other tenant's calls waited behind them (TenantsLoadBenchmarkIT: p50 40 ms to
 * 8 s). The cap is raised to the calls the HTTP server can hold at once (each holds one of its container threads for
 * the whole call too), so that the pool never bounds calls before the HTTP server does. Its threads are made on
 * demand and end after 60 s idle.
 */
public final class ToolCallThreads {
    /** Reactor's setting, read once, when its Schedulers class loads. */
    static final String CAP_PROPERTY = "reactor.schedulers.defaultBoundedElasticSize";

    private ToolCallThreads() {}

    /**
     * Raises the cap unless the operator set it (e.g. with {@code -D}). Call it before anything uses Reactor, i.e.
     * first in {@code main}: later it has no effect.
     */
    public static void reserve() {
        if (System.getProperty(CAP_PROPERTY) == null) {
            System.setProperty(CAP_PROPERTY, String.valueOf(HttpServer.MAX_THREADS));
        }
    }
}
