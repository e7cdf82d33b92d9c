package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Hostile and malformed HTTP input against the real server (issue 7, items 4, 5, 7 and 8). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpHardeningTest {
    static final Pattern JAVA_NAMES = Pattern.compile(
            "java\\.|javax\\.|jakarta\\.|tools\\.jackson|com\\.fasterxml|io\\.github|io\\.modelcontextprotocol"
                    + "|org\\.eclipse|Exception|\\$[A-Z]|McpSchema");
    private static final String BOTH = "application/json, text/event-stream";
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpServer server;
    private static String base;
    private static String session;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.start(ServerConfig.builder().port(0).build(),
                new McpServerFactory(new FakeCatalog(), "test"));
        base = server.baseUrl();
        session = initialize(base);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static String initialize(String base) throws Exception {
        HttpResponse<String> init = post(base, "/mcp", HttpEdgeChecks.INIT, null);
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        String id = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(base, "/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", id);
        return id;
    }

    static HttpResponse<String> post(String base, String path, String body, String sessionId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", BOTH);
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON-RPC message of an answer, whether sent as JSON or as an event stream. */
    static JsonNode message(HttpResponse<String> response) {
        String body = response.body();
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            JsonNode last = null;
            for (String line : body.split("\n")) {
                if (line.startsWith("data:")) {
                    last = Json.MAPPER.readTree(line.substring(5).trim());
                }
            }
            assertThat(last).as("an event stream with no message: " + body).isNotNull();
            return last;
        }
        return Json.MAPPER.readTree(body);
    }

    static void assertClean(String text) {
        assertThat(JAVA_NAMES.matcher(text).find()).as("Java internals in: " + text).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            arguments array  | {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo","arguments":[]}}            | -32602 | arguments
            arguments string | {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo","arguments":"x"}}           | -32602 | arguments
            arguments number | {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo","arguments":5}}             | -32602 | arguments
            name array       | {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":["echo"],"arguments":{}}}         | -32602 | name
            name missing     | {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"arguments":{}}}                         | -32602 | name
            params null      | {"jsonrpc":"2.0","id":5,"method":"tools/call","params":null}                                     | -32602 | tools/call needs params
            params string    | {"jsonrpc":"2.0","id":5,"method":"tools/call","params":"echo"}                                   | -32602 | params
            progress token   | {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo","_meta":{"progressToken":[1]}}} | -32602 | progressToken
            cursor object    | {"jsonrpc":"2.0","id":5,"method":"tools/list","params":{"cursor":{}}}                            | -32602 | cursor
            unknown tool     | {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"invalid_tool_name"}}             | -32602 | 'invalid_tool_name'
            unknown method   | {"jsonrpc":"2.0","id":5,"method":"no/such/method"}                                               | -32601 | no/such/method
            wrong version    | {"jsonrpc":"1.0","id":5,"method":"ping"}                                                         | -32600 | jsonrpc
            """)
    void wronglyTypedRequestsGetAJsonRpcErrorOverStreamable(String what, String body, int code, String mentions)
            throws Exception {
        HttpResponse<String> response = post(base, "/mcp", body, session);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = message(response);
        assertThat(answer.path("id").asInt()).isEqualTo(5);
        assertThat(answer.path("error").path("code").asInt()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.path("error").path("message").asString()).contains(mentions);
        assertClean(response.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            null body      | null                                    | -32600
            array body     | []                                      | -32600
            number body    | 42                                      | -32600
            not json       | {"jsonrpc":                             | -32700
            id is object   | {"jsonrpc":"2.0","id":{},"method":"ping"} | -32600
            """)
    void unidentifiableMessagesGet400WithAJsonRpcError(String what, String body, int code) throws Exception {
        HttpResponse<String> response = post(base, "/mcp", body, session);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode answer = Json.MAPPER.readTree(response.body());
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(code);
        assertThat(answer.path("id").isNull()).isTrue();
        assertClean(response.body());
    }

    @Test
    void unknownToolNameIsEchoedCappedWithTheWayToTheList() throws Exception {
        String name = "x".repeat(10_000);
        HttpResponse<String> response = post(base, "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"" + name + "\"}}", session);
        String message = message(response).path("error").path("message").asString();
        assertThat(message).startsWith("Unknown tool 'xxxx").contains("...'").contains("tools/list")
                .contains("echo, fail, boom").hasSizeLessThan(200);
    }

    @Test
    void anUnsupportedProtocolVersionHeaderIs400() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}"))
                .header("Content-Type", "application/json").header("Accept", BOTH).header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "1999-01-01").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(-32600);
        assertThat(error.path("message").asString()).contains("1999-01-01", "2025-06-18");
        assertClean(response.body());

        HttpResponse<String> supported = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}"))
                .header("Content-Type", "application/json").header("Accept", BOTH).header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-06-18").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(message(supported).path("result").path("tools").isArray()).isTrue();
    }

    @Test
    void validCallsStillWork() throws Exception {
        HttpResponse<String> response = post(base, "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"},\"_meta\":null}}", session);
        assertThat(message(response).path("result").path("structuredContent").path("echoed").asString())
                .isEqualTo("hi");
        HttpResponse<String> noArguments = post(base, "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"fail\",\"arguments\":null}}", session);
        assertThat(message(noArguments).path("result").path("isError").asBoolean()).isTrue();
    }

    @Test
    void sseMessageEndpointAnswersBadParamsWithAJsonRpcError() throws Exception {
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/sse"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String endpoint = messageEndpoint(events);
            HttpResponse<String> response = post(base, endpoint, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":"
                    + "\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":[]}}", null);
            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode answer = Json.MAPPER.readTree(response.body());
            assertThat(answer.path("id").asInt()).isEqualTo(3);
            assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32602);
            assertClean(response.body());
        }
    }

    @Test
    void sseRequestsBeforeTheInitializedNotificationAreAnsweredAtOnceNotHeld() throws Exception {
        // the SDK held such a request on its servlet thread for good: a few hundred took every thread of the server
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/sse"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String endpoint = messageEndpoint(events);
            assertThat(post(base, endpoint, HttpEdgeChecks.INIT, null).statusCode()).isEqualTo(200);
            for (String early : new String[] {"{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"notifications/initialized\"}", // a request: not it
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}"}) {
                HttpResponse<String> refused = post(base, endpoint, early, null);
                assertThat(refused.statusCode()).as(early).isEqualTo(400);
                JsonNode answer = Json.MAPPER.readTree(refused.body());
                assertThat(answer.path("id").asInt()).isEqualTo(4);
                assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32600);
                assertThat(answer.path("error").path("message").asString()).contains("notifications/initialized");
                assertClean(refused.body());
            }
            assertThat(post(base, endpoint, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", null)
                    .statusCode()).isEqualTo(200);
            assertThat(post(base, endpoint, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}", null)
                    .statusCode()).isEqualTo(200);
        }
    }

    /** The message endpoint an SSE stream announces first. */
    private static String messageEndpoint(BufferedReader events) throws IOException {
        String endpoint = null;
        for (int i = 0; i < 10 && endpoint == null; i++) {
            String line = events.readLine();
            if (line != null && line.startsWith("data:")) {
                endpoint = line.substring(5).trim();
            }
        }
        assertThat(endpoint).startsWith("/mcp/message?sessionId=");
        return endpoint;
    }

    @Test
    void oversizeBodiesAre413EvenWithoutContentLength() throws Exception {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""
                + "y".repeat(JsonRpcGuard.MAX_MESSAGE_BYTES) + "\"}}";
        HttpEdgeChecks.tooLarge(() -> post(base, "/mcp", big, session));
        // streamed without a length: the limit holds while reading
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .header("Content-Type", "application/json").header("Accept", BOTH)
                .header("Mcp-Session-Id", session).build();
        HttpEdgeChecks.tooLarge(() -> http.send(chunked, HttpResponse.BodyHandlers.ofString())).ifPresent(response -> {
            assertThat(Json.MAPPER.readTree(response.body()).path("error").path("code").asInt()).isEqualTo(-32600);
            HttpEdgeChecks.assertNoStackTrace(response.body());
        });
    }

    @Test
    void anOversizeBodyClosesTheConnection() throws Exception {
        // Its body is left unread: a client reusing the connection would have its next request fail.
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    + "application/json\r\nAccept: " + BOTH + "\r\nContent-Length: 2000000\r\n\r\n{\"jsonrpc\"")
                    .getBytes(StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(raw).startsWith("HTTP/1.1 413").containsIgnoringCase("Connection: close").contains("-32600");
        }
    }

    @Test
    void deepNestingIsAnInvalidRequest() throws Exception {
        String deep = "[".repeat(JsonRpcGuard.MAX_DEPTH + 1) + "]".repeat(JsonRpcGuard.MAX_DEPTH + 1);
        HttpResponse<String> response = post(base, "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":" + deep + "}}}", session);
        assertThat(response.statusCode()).isEqualTo(200); // the id came first: the answer goes to the request
        assertThat(message(response).path("id").asInt()).isEqualTo(1);
        assertThat(message(response).path("error").path("code").asInt()).isEqualTo(-32600);
        HttpResponse<String> idLast = post(base, "/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"echo\",\"arguments\":{\"text\":" + deep + "}},\"id\":1}", session);
        assertThat(idLast.statusCode()).isEqualTo(400);
        assertThat(message(idLast).path("error").path("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void hugeInitializeIsRefusedAndLongClientNamesAreNotKept() throws Exception {
        String huge = HttpEdgeChecks.INIT.replace("\"name\":\"t\"", "\"name\":\"" + "n".repeat(100_000) + "\"");
        HttpResponse<String> response = post(base, "/mcp", huge, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(message(response).path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
    }

    @Test
    void traceAndPatchAre405AndNeverEchoHeaders() throws Exception {
        for (String path : List.of("/mcp", "/healthz", "/sse", "/mcp/message", "/elsewhere")) {
            String raw = RawHttp.exchange(server.port(), "TRACE " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer secret-token-value\r\nConnection: close\r\n\r\n");
            assertThat(raw).as(path).startsWith("HTTP/1.1 405").doesNotContain("secret-token-value");
            assertThat(raw).containsPattern("(?i)\\r\\nAllow: ");
        }
        HttpResponse<String> patch = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(patch.statusCode()).isEqualTo(405);
        assertThat(patch.headers().firstValue("Allow")).contains("GET, POST, DELETE, OPTIONS");
        HttpEdgeChecks.assertNoStackTrace(patch.body());
    }

    @Test
    void optionsIsCheckedForHostAndOrigin() throws Exception {
        HttpResponse<String> evilOrigin = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(evilOrigin.statusCode()).isEqualTo(403);
        String raw = RawHttp.exchange(server.port(), "OPTIONS /mcp HTTP/1.1\r\nHost: evil.example\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 421");
        HttpResponse<String> local = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://localhost:6274")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(local.statusCode()).isEqualTo(200);
    }

    @Test
    void requestsJettyRefusesBeforeAnyPathGetAJsonBodyToo() throws Exception {
        for (String request : List.of(
                "POST /mcp HTTP/1.1\r\nHost: localhost@evil.example\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                "CONNECT /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")) {
            String raw = RawHttp.exchange(server.port(), request);
            assertThat(raw).as(request).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/json")
                    .contains("{\"status\":400,").doesNotContain("<html");
        }
    }

    @Test
    void optionsAllowsWhatTheMethodCheckAllows() throws Exception {
        for (String path : List.of("/mcp", "/healthz", "/sse", "/mcp/message", "/elsewhere")) {
            HttpResponse<String> options = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            String raw = RawHttp.exchange(server.port(), "TRACE " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n");
            String refusedWith = raw.lines().filter(l -> l.regionMatches(true, 0, "Allow: ", 0, 7))
                    .findFirst().orElseThrow().substring(7).strip();
            assertThat(options.statusCode()).as(path).isEqualTo(200);
            assertThat(options.headers().firstValue("Allow")).as(path).contains(refusedWith);
            assertThat(refusedWith).doesNotContain("TRACE");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://localhost:4220@evil.example
            http://localhost:4220/path
            'http://localhost:4220, https://evil.example'
            http://localhost:4220 https://evil.example
            null
            """)
    void originIsParsedStrictly(String origin) throws Exception {
        HttpResponse<String> response = postWith("/mcp", HttpEdgeChecks.INIT, Map.of("Origin", origin));
        assertThat(response.statusCode()).as(origin).isEqualTo(403);
    }

    @Test
    void twoOriginHeadersAreRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .POST(HttpRequest.BodyPublishers.ofString(HttpEdgeChecks.INIT))
                .header("Content-Type", "application/json").header("Accept", BOTH)
                .header("Origin", "http://localhost:4220").header("Origin", "https://evil.example").build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> postWith(String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", BOTH);
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tricklingBodiesAreCutAndHealthStaysFast() throws Exception {
        List<Socket> tricklers = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                        + "application/json\r\nAccept: " + BOTH + "\r\nContent-Length: 1000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                tricklers.add(socket);
            }
            long cutWithin = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            boolean allCut = false;
            while (!allCut && System.nanoTime() < cutWithin) {
                long start = System.nanoTime();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                allCut = true;
                for (Socket socket : tricklers) {
                    allCut &= !trickle(socket);
                }
                Thread.sleep(500);
            }
            assertThat(allCut).as("the server closed every trickling connection").isTrue();
        } finally {
            for (Socket socket : tricklers) {
                socket.close();
            }
        }
    }

    /** Sends one more byte; false once the server has answered or closed the connection. */
    private static boolean trickle(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(' ');
            out.flush();
            InputStream in = socket.getInputStream();
            return in.available() == 0 && !socket.isInputShutdown();
        } catch (SocketException closed) {
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
