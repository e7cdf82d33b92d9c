package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The checks of the HTTP edge (health, DNS-rebinding protection, clean error bodies), written once and run both
 * against the in-process server and against the packaged jar.
 */
public final class HttpEdgeChecks {
    public static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}";
    private static final String BOTH = "application/json, text/event-stream";
    private static final HttpClient http = HttpClient.newHttpClient();

    private final String base;

    /** {@code base}: the server's root URL, e.g. http://127.0.0.1:8080. */
    public HttpEdgeChecks(String base) {
        this.base = base;
    }

    public HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public void healthzIsOk() throws Exception {
        HttpResponse<String> response = get("/healthz", Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    public void foreignOriginIsForbidden() throws Exception {
        HttpResponse<String> response = post("/mcp", INIT, Map.of("Accept", BOTH, "Origin", "https://evil.example"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertNoStackTrace(response.body());
    }

    /** java.net.http forbids setting Host, so this one speaks HTTP/1.1 by hand. */
    public void foreignHostIsMisdirected() throws IOException {
        String raw = RawHttp.exchange(URI.create(base).getPort(), "POST /mcp HTTP/1.1\r\nHost: evil.example.com\r\n"
                + "Content-Type: application/json\r\nAccept: " + BOTH + "\r\n"
                + "Content-Length: " + INIT.length() + "\r\nConnection: close\r\n\r\n" + INIT);
        assertThat(raw).startsWith("HTTP/1.1 421");
        assertNoStackTrace(raw);
    }

    /** Every way a client can get the protocol wrong gets a short 4xx, never a stack trace or server banner. */
    public void protocolErrorsCarryNoStackTrace() throws Exception {
        expectClean(post("/mcp", INIT, Map.of("Accept", "text/plain")), 400);
        expectClean(post("/mcp", "{not json", Map.of("Accept", BOTH)), 400);
        expectClean(post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                Map.of("Accept", BOTH, "Mcp-Session-Id", "no-such-session")), 404);
        expectClean(get("/mcp", Map.of("Accept", "text/event-stream")), 400);
        expectClean(post("/mcp/message", "{}", Map.of()), 400);
        expectClean(post("/sse", "{}", Map.of()), 405);
        expectClean(get("/nothing", Map.of()), 404);
        tooLarge(() -> post("/mcp", "x".repeat(17 * 1024 * 1024), Map.of("Accept", BOTH)))
                .ifPresent(response -> expectClean(response, 413));
    }

    /**
     * An upload the server refuses as too large: its 413, or empty when the server closed the connection while the
     * body was still being sent (the client may then lose the answer to the reset; both are a refusal). Anything else
     * fails the test.
     */
    public static Optional<HttpResponse<String>> tooLarge(Callable<HttpResponse<String>> send) throws Exception {
        try {
            HttpResponse<String> response = send.call();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            return Optional.of(response);
        } catch (IOException closedWhileSending) {
            return Optional.empty();
        }
    }

    private static void expectClean(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri()).isEqualTo(status);
        assertNoStackTrace(response.body());
    }

    public static void assertNoStackTrace(String body) {
        assertThat(body).doesNotContain("stackTrace", "\tat ", "at org.", "at io.", "Exception", "jetty", "Jetty");
    }
}
