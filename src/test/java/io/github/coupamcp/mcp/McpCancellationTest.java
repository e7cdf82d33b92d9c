package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.FaultRule;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import io.github.coupamcp.testing.Await;
import io.github.coupamcp.tools.ToolRegistry;
import io.github.coupamcp.tools.ToolSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * notifications/cancelled stops a running summarize scan over stdio and Streamable HTTP: the call answers that it
 * was cancelled, the scan sends no more Coupa requests, the client stays healthy (no I/O errors counted against
 * Coupa) and the server keeps serving. Cancelling an unknown or finished id, or another session's call, does
 * nothing. Raw JSON-RPC, so that exactly the messages a client sends are tested.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class McpCancellationTest {
    /** Real Coupa answers a page in hundreds of milliseconds: the medium set's ~200 pages then take seconds. */
    private static final long LATENCY_MILLIS = 300;
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** From the cancellation to the answer: the requests in flight end (one latency), nothing new starts. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private static Sandbox sandbox;
    private static HttpCoupaClient client;
    private static McpServerFactory factory;
    private static final AtomicInteger QUESTIONS = new AtomicInteger();

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.builder().port(0).scale(Scale.MEDIUM).seed(42)
                .tokenPropagationDelay(Duration.ZERO).rateLimitEnabled(false).build());
        ToolRegistry registry = ToolRegistry.load(ToolSettings.builder().cursorKey("cancel-test-cursor-key-0123")
                .build());
        client = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret()).scopes(registry.requiredScopes())
                .tokenPropagationDelay(Duration.ZERO).rateLimit(25, 20).build());
        client.awaitToken();
        factory = new McpServerFactory(registry.catalog(client), "test");
        sandbox.control().fault(FaultRule.latency(LATENCY_MILLIS).onPath("/api/"));
    }

    @AfterAll
    static void stop() {
        client.close();
        sandbox.close();
    }

    /** A summarize call nobody asked before (so not answered from the cache), with the given JSON-RPC id. */
    private static String summarize(String id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"summarize_invoices\",\"arguments\":{\"group_by\":\"supplier\",\"fresh\":true,\"top\":"
                + (1 + QUESTIONS.getAndIncrement() % 20) + "}}}";
    }

    private static String cancel(String id) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":" + id
                + ",\"reason\":\"the user gave up\"}}";
    }

    private static long upstream() {
        return sandbox.control().stats().resource("invoices");
    }

    private static boolean scanThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("coupa-scan-"));
    }

    /**
     * After the cancelled call answered: its workers end (bounded), and from then on it sends nothing; far fewer
     * requests than the whole scan (about 200) were made, and none failed.
     */
    private static void assertTheScanStopped(long ioErrorsBefore) throws Exception {
        Await.until("the scan's workers end", PROMPTLY, () -> !scanThreadsAlive());
        long after = upstream();
        assertThat(after).as("invoice requests of the cancelled scan").isLessThan(150);
        assertThat(client.metrics().ioErrors()).as("interrupted requests are not Coupa failures")
                .isEqualTo(ioErrorsBefore);
        // nothing pages on once the workers are gone: the next call's requests are its own
        assertThat(upstream()).isEqualTo(after);
    }

    @Test
    void overStdioACancelledScanStopsAndTheServerKeepsServing() throws Exception {
        PipedOutputStream clientOut = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
        PipedInputStream fromServer = new PipedInputStream(1 << 20);
        OutputStream serverOut = new PipedOutputStream(fromServer);
        BufferedReader clientIn = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));
        try (StdioServer server = StdioServer.start(factory, serverIn, serverOut)) {
            Lines lines = new Lines(clientOut, clientIn);
            lines.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}");
            assertThat(lines.answerTo(1).has("result")).isTrue();
            lines.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            lines.send(cancel("99")); // nothing runs under that id: harmless
            long ioErrors = client.metrics().ioErrors();
            sandbox.control().resetStats();

            lines.send(summarize("\"scan-1\""));
            Await.until("the scan is under way", WAIT, () -> upstream() >= 20);
            long cancelledAt = System.nanoTime();
            lines.send(cancel("\"scan-1\""));
            JsonNode answer = lines.answerTo("scan-1");

            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(PROMPTLY);
            assertThat(answer.path("result").path("isError").asBoolean()).isTrue();
            assertThat(answer.path("result").path("content").get(0).path("text").asString())
                    .isEqualTo(McpToolMapper.CANCELLED);
            assertTheScanStopped(ioErrors);

            lines.send(cancel("\"scan-1\"")); // finished: harmless
            lines.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"list_invoices\",\"arguments\":{\"limit\":1}}}");
            JsonNode next = lines.answerTo(3);
            assertThat(next.path("result").path("isError").asBoolean()).as(next.toString()).isFalse();
            assertThat(factory.cancellableCalls().tracked()).isZero();
        }
    }

    @Test
    void overStreamableHttpOnlyTheCallsOwnSessionCancelsIt() throws Exception {
        try (HttpServer server = HttpServer.start(ServerConfig.builder().port(0).build(), factory)) {
            Session owner = new Session(server.baseUrl());
            Session stranger = new Session(server.baseUrl());
            long ioErrors = client.metrics().ioErrors();
            sandbox.control().resetStats();

            CompletableFuture<JsonNode> call = CompletableFuture.supplyAsync(() -> owner.request(summarize("7")));
            Await.until("the scan is under way", WAIT, () -> upstream() >= 20);
            assertThat(stranger.notify(cancel("7"))).isEqualTo(202);
            long before = upstream();
            Await.until("the scan goes on", WAIT, () -> upstream() >= before + 20);
            assertThat(call).isNotDone();

            long cancelledAt = System.nanoTime();
            assertThat(owner.notify(cancel("7"))).isEqualTo(202);
            JsonNode answer = call.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(PROMPTLY);
            assertThat(answer.path("id").asInt()).isEqualTo(7);
            assertThat(answer.path("result").path("content").get(0).path("text").asString())
                    .isEqualTo(McpToolMapper.CANCELLED);
            assertTheScanStopped(ioErrors);

            assertThat(owner.notify(cancel("7"))).isEqualTo(202); // finished: harmless
            assertThat(owner.notify(cancel("\"no-such-call\""))).isEqualTo(202);
            JsonNode next = owner.request("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"list_invoices\",\"arguments\":{\"limit\":1}}}");
            assertThat(next.path("result").path("isError").asBoolean()).as(next.toString()).isFalse();
            assertThat(factory.cancellableCalls().tracked()).isZero();
        }
    }

    @Test
    void overLegacySseACancelledScanStops() throws Exception {
        try (HttpServer server = HttpServer.start(ServerConfig.builder().port(0).build(), factory)) {
            SseSession sse = new SseSession(server.baseUrl());
            long ioErrors = client.metrics().ioErrors();
            sandbox.control().resetStats();

            CompletableFuture<Integer> posted = CompletableFuture.supplyAsync(() -> sse.post(summarize("11")));
            Await.until("the scan is under way", WAIT, () -> upstream() >= 20);
            long cancelledAt = System.nanoTime();
            assertThat(sse.post(cancel("11"))).isEqualTo(200);
            JsonNode answer = sse.answerTo("11");

            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(PROMPTLY);
            assertThat(answer.path("result").path("content").get(0).path("text").asString())
                    .isEqualTo(McpToolMapper.CANCELLED);
            assertThat(posted.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(200);
            assertTheScanStopped(ioErrors);
            assertThat(factory.cancellableCalls().tracked()).isZero();
        }
    }

    /** A raw stdio client: one JSON-RPC message per line, answers matched by id (notifications skipped). */
    private record Lines(OutputStream out, BufferedReader in) {
        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        JsonNode answerTo(Object id) throws IOException {
            for (int i = 0; i < 10_000; i++) {
                String line = in.readLine();
                assertThat(line).as("the server's output ended").isNotNull();
                JsonNode message = Json.MAPPER.readTree(line);
                if (message.has("id") && !message.has("method") && message.get("id").asString()
                        .equals(String.valueOf(id))) {
                    return message;
                }
            }
            throw new AssertionError("no answer to " + id);
        }
    }

    /** A raw legacy SSE session: messages POSTed to the endpoint the stream names, answers read from the stream. */
    private static final class SseSession {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final java.util.concurrent.BlockingQueue<String> lines =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private final URI endpoint;

        SseSession(String baseUrl) throws Exception {
            http.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + HttpServer.SSE_PATH))
                            .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> response.body().forEach(lines::add));
            String path = null;
            while (path == null) {
                String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(line).as("the endpoint event").isNotNull();
                if (line.startsWith("data:")) {
                    path = line.substring(5).trim();
                }
            }
            this.endpoint = URI.create(baseUrl + path);
            assertThat(post("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":"
                    + "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\","
                    + "\"version\":\"0\"}}}")).isEqualTo(200);
            assertThat(answerTo("init").has("result")).isTrue();
            assertThat(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")).isEqualTo(200);
        }

        int post(String json) {
            try {
                return http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        JsonNode answerTo(String id) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("data:")) {
                    JsonNode message = Json.MAPPER.readTree(line.substring(5).trim());
                    if (!message.has("method") && message.path("id").asString().equals(id)) {
                        return message;
                    }
                }
            }
            throw new AssertionError("no answer to " + id + " on the event stream");
        }
    }

    /** A raw Streamable HTTP session. */
    private static final class Session {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final URI endpoint;
        private final String id;

        Session(String baseUrl) throws Exception {
            this.endpoint = URI.create(baseUrl + HttpServer.MCP_PATH);
            HttpResponse<String> init = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                    + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":"
                    + "{\"name\":\"t\",\"version\":\"0\"}}}");
            assertThat(init.statusCode()).isEqualTo(200);
            this.id = init.headers().firstValue(JsonRpcBodyFilter.SESSION_HEADER).orElseThrow();
            assertThat(post(id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode())
                    .isEqualTo(202);
        }

        int notify(String json) {
            try {
                return post(id, json).statusCode();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        /** The answer to a request, read from the JSON or event-stream body. */
        JsonNode request(String json) {
            try {
                HttpResponse<String> response = post(id, json);
                assertThat(response.statusCode()).isEqualTo(200);
                String body = response.body();
                for (String line : body.split("\n")) {
                    if (line.startsWith("data:")) {
                        JsonNode message = Json.MAPPER.readTree(line.substring(5).trim());
                        if (message.has("result") || message.has("error")) {
                            return message;
                        }
                    }
                }
                return Json.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        private HttpResponse<String> post(String session, String json) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (session != null) {
                request.header(JsonRpcBodyFilter.SESSION_HEADER, session);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
