package io.github.coupamcp.mcp;

import io.github.coupamcp.config.ServerConfig;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    /** Longest line read as a message (the SDK's own limit is 16 MiB). */
    static final int MAX_LINE_BYTES = JsonRpcGuard.MAX_MESSAGE_BYTES;

    private final AnswerCounter answers;
    private final OutputStream out;
    private final OutputStream rawOut;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final McpServerFactory factory;
    private final McpSyncServer server;
    /** The one session on stdin, named for {@link CancellableCalls}. */
    private final String session = "stdio:" + java.util.UUID.randomUUID();

    private StdioServer(McpServerFactory factory, InputStream in, OutputStream out) {
        this.answers = new AnswerCounter(ServerConfig.SHUTDOWN_GRACE);
        // The SDK and answerRejected both lock this stream while writing a message, so lines never interleave.
        this.out = answers.counting(out);
        this.rawOut = out; // rejections are answered here: they are not requests the SDK will answer
        this.factory = factory;
        JsonRpcLineFilter filtered = new JsonRpcLineFilter(in, McpServerFactory.jsonMapper(),
                new JsonRpcGuard(factory.toolNames(), factory.unpublished()), MAX_LINE_BYTES,
                this::answerRejected, closed::countDown, answers,
                accepted -> factory.cancellableCalls().inspect(session, accepted));
        this.server = factory.build(new SerialSendTransportProvider(
                new StdioServerTransportProvider(McpServerFactory.jsonMapper(), filtered, this.out)));
    }

    /** Starts serving at once: the SDK reads stdin on its own thread. */
    public static StdioServer start(McpServerFactory factory, InputStream in, OutputStream out) {
        return new StdioServer(factory, in, out);
    }

    /** The protocol versions a stdio client may ask for, oldest first (the SDK answers others with the last). */
    public static List<String> protocolVersions() {
        return new StdioServerTransportProvider(McpServerFactory.jsonMapper(), InputStream.nullInputStream(),
                OutputStream.nullOutputStream()).protocolVersions();
    }

    /** Completes once the first answer (to initialize, normally) is written to stdout. */
    public CompletableFuture<Void> firstAnswer() {
        return answers.firstAnswer();
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
        log.warn("Ignored a stdin line ({}): {}", rejection.verdict().message(), rejection.line());
        if (!rejection.verdict().answerable()) {
            return; // a notification: JSON-RPC never answers those
        }
        // The SDK writes each message while holding the stream's monitor; do the same so lines never interleave.
        synchronized (out) {
            try {
                rawOut.write((rejection.verdict().answer() + "\n").getBytes(StandardCharsets.UTF_8));
                rawOut.flush();
            } catch (IOException e) {
                log.debug("Could not answer a rejected line", e);
            }
        }
    }
}
