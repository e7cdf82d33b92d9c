package io.github.coupamcp.mcp;

import io.github.coupamcp.config.ServerConfig;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP over stdin/stdout for desktop clients. Guards the SDK transport against bad input lines (answered with a
 * JSON-RPC error instead of silencing the server) and notices when stdin closes, which the SDK does not report.
 */
public final class StdioServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StdioServer.class);
    /** The SDK's own default line limit. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    static final String PARSE_ERROR = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
            + "\"message\":\"Parse error: each line must be one JSON-RPC message\"}}\n";

    private final OutputStream out;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final McpServerFactory factory;
    private final McpSyncServer server;

    private StdioServer(McpServerFactory factory, InputStream in, OutputStream out) {
        this.out = out;
        this.factory = factory;
        JsonRpcLineFilter filtered = new JsonRpcLineFilter(in, McpServerFactory.jsonMapper(), MAX_LINE_BYTES,
                this::answerRejected, closed::countDown);
        this.server = factory.build(new StdioServerTransportProvider(McpServerFactory.jsonMapper(), filtered, out));
    }

    /** Starts serving at once: the SDK reads stdin on its own thread. */
    public static StdioServer start(McpServerFactory factory, InputStream in, OutputStream out) {
        return new StdioServer(factory, in, out);
    }

    /**
     * Blocks until stdin reaches end of input, lets running tool calls answer (a client may write a request and
     * close stdin at once), then closes the server.
     */
    public void awaitEndOfInput() throws InterruptedException {
        closed.await();
        factory.inFlight().awaitIdle(ServerConfig.SHUTDOWN_GRACE);
        close();
    }

    /** For tests: waits at most {@code timeoutMillis} for end of input. */
    boolean awaitEndOfInput(long timeoutMillis) throws InterruptedException {
        return closed.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            log.debug("Closing the stdio server", e);
        }
    }

    private void answerRejected(JsonRpcLineFilter.Rejection rejection) {
        log.warn("Ignored a stdin line ({}): {}", rejection.reason(), rejection.line());
        // The SDK writes each message while holding the stream's monitor; do the same so lines never interleave.
        synchronized (out) {
            try {
                out.write(PARSE_ERROR.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                log.debug("Could not answer a rejected line", e);
            }
        }
    }
}
