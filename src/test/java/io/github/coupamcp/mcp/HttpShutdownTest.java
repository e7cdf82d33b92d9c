package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.Await;
import io.github.coupamcp.tools.ToolCatalog;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolOutcome;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpShutdownTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final CountDownLatch release = new CountDownLatch(1);

    private final ToolCatalog slowCatalog = new ToolCatalog() {
        @Override
        public List<ToolDefinition> tools() {
            return List.of(new ToolDefinition("slow", "Slow", "Waits for the test", "test",
                    (ObjectNode) Json.MAPPER.readTree("{\"type\":\"object\"}"), null,
                    new ToolDefinition.Hints(true, false, true, false)));
        }

        @Override
        public ToolOutcome call(String name, ObjectNode arguments) {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ToolOutcome.success(null, "done");
        }
    };

    @ParameterizedTest(name = "stateless={0}")
    @ValueSource(booleans = {false, true})
    void stopRefusesNewConnectionsButLetsRunningCallsFinish(boolean stateless) throws Exception {
        McpServerFactory factory = new McpServerFactory(slowCatalog, "test");
        HttpServer server = HttpServer.start(ServerConfig.builder().port(0).stateless(stateless).build(), factory);
        String base = server.baseUrl();
        McpSyncClient client = HttpServerTest.client("streamable", base, null);

        CompletableFuture<CallToolResult> call = CompletableFuture.supplyAsync(
                () -> client.callTool(new CallToolRequest("slow", Map.of())));
        Await.until("the call reaches its handler", WAIT, () -> factory.inFlight().running() == 1);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        Await.until("stop closes the acceptor", WAIT, () -> refusesConnections(base));
        assertThat(stopping).isNotDone();

        release.countDown();
        CallToolResult result = call.get(10, TimeUnit.SECONDS);
        assertThat(result.isError()).isFalse();
        stopping.get(10, TimeUnit.SECONDS);
        client.close();
    }

    /**
     * A request the server is still serving when stop begins gets its whole answer; stop waits for it even though
     * no tool call is running yet. "Expect: 100-continue" tells the test when the server has started reading the
     * body (the exchange is open); the rest of the request arrives only after stop has had time to close everything.
     */
    @Test
    void stopWaitsForTheAnswerOfARequestStillBeingServed() throws Exception {
        HttpServer server = HttpServer.start(ServerConfig.builder().port(0).build(),
                new McpServerFactory(new FakeCatalog(), "test"));
        int port = URI.create(server.baseUrl()).getPort();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"text\":\"answered while stopping\"}}" + " ".repeat(4096) + "}";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nMcp-Session-Id: " + session(server.baseUrl())
                    + "\r\nContent-Length: " + body.length() + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(head(in)).as("the server reads the body").startsWith("HTTP/1.1 100");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
            // The body trickles in for about a second (each piece well within Jetty's 1 s idle timeout while
            // stopping, and padded to stay above the server's minimum request data rate); all the while stop must
            // go on waiting for the answer instead of closing the session.
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            int pieces = 20;
            for (int i = 0; i < pieces; i++) {
                assertThat(catchThrowable(() -> stopping.get(50, TimeUnit.MILLISECONDS)))
                        .as("stop still waiting for the unsent answer").isInstanceOf(TimeoutException.class);
                int from = bytes.length * i / pieces;
                out.write(bytes, from, bytes.length * (i + 1) / pieces - from);
                out.flush();
            }

            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"id\":7")
                    .contains("echoed answered while stopping");
            stopping.get(10, TimeUnit.SECONDS);
        } finally {
            server.stop();
        }
    }

    /** The request timer (metrics on) is a graceful component too: open streams must not hold the stop. */
    @Test
    void stopEndsOpenStreamsPromptlyWithMetricsOn() throws Exception {
        HttpServer server = HttpServer.start(ServerConfig.builder().port(0).build(),
                new McpServerFactory(new FakeCatalog(), "test"),
                new Operations(() -> null, new io.github.coupamcp.metrics.ServiceMetrics().registry()));
        McpSyncClient sse = HttpServerTest.client("sse", server.baseUrl(), null);
        McpSyncClient streamable = HttpServerTest.client("streamable", server.baseUrl(), null);
        try {
            long start = System.nanoTime();
            CompletableFuture.runAsync(server::stop).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ServerConfig.SHUTDOWN_GRACE);
        } finally {
            sse.close();
            streamable.close();
        }
    }

    private static String session(String base) throws Exception {
        HttpEdgeChecks edge = new HttpEdgeChecks(base);
        String both = "application/json, text/event-stream";
        String session = edge.post("/mcp", HttpEdgeChecks.INIT, Map.of("Accept", both))
                .headers().firstValue("Mcp-Session-Id").orElseThrow();
        HttpResponse<String> initialized = edge.post("/mcp",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                Map.of("Accept", both, "Mcp-Session-Id", session));
        assertThat(initialized.statusCode()).isEqualTo(202);
        return session;
    }

    /** One response head: the bytes up to and including the blank line. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static boolean refusesConnections(String base) throws IOException {
        try (Socket probe = new Socket("127.0.0.1", URI.create(base).getPort())) {
            return false;
        } catch (SocketException refused) {
            // ConnectException, or a reset when the acceptor closes during the handshake: refused either way
            return true;
        }
    }
}
