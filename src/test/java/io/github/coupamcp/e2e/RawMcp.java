package io.github.coupamcp.e2e;

import io.github.coupamcp.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A lean Streamable HTTP client for tests that hold hundreds of sessions: one shared {@link HttpClient}, raw JSON-RPC
 * POSTs, no client stack per session. Every request is bounded by {@code timeout}.
 */
final class RawMcp {
    static final String PROTOCOL_VERSION = "2025-06-18";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicLong ids = new AtomicLong();
    private final URI mcp;
    private final Duration timeout;

    RawMcp(String baseUrl, Duration timeout) {
        this.mcp = URI.create(baseUrl + "/mcp");
        this.timeout = timeout;
    }

    /** initialize then notifications/initialized; completes with the session id. */
    CompletableFuture<String> open(String token) {
        long id = ids.incrementAndGet();
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"" + PROTOCOL_VERSION + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
        return http.sendAsync(post(token, null, initialize), HttpResponse.BodyHandlers.ofString())
                .thenCompose(response -> {
                    message(response, id);
                    String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow(
                            () -> new IllegalStateException("no Mcp-Session-Id: " + response.body()));
                    return http.sendAsync(post(token, session,
                            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                            HttpResponse.BodyHandlers.ofString()).thenApply(ack -> {
                                if (ack.statusCode() != 202) {
                                    throw new IllegalStateException("initialized: HTTP " + ack.statusCode());
                                }
                                return session;
                            });
                });
    }

    /** tools/call; completes with the JSON-RPC {@code result} (an error result included), or exceptionally. */
    CompletableFuture<JsonNode> callTool(String token, String session, String tool, String argumentsJson) {
        long id = ids.incrementAndGet();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":" + argumentsJson + "}}";
        return http.sendAsync(post(token, session, body), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    JsonNode message = message(response, id);
                    if (!message.has("result")) {
                        throw new IllegalStateException("no result: " + message);
                    }
                    return message.path("result");
                });
    }

    /** DELETE of the session; completes with the HTTP status. */
    CompletableFuture<Integer> close(String token, String session) {
        return http.sendAsync(HttpRequest.newBuilder(mcp).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", PROTOCOL_VERSION)
                .DELETE().build(), HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    /** GET of another path of the server (/metrics, /readyz), with a bearer token unless null. */
    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp.resolve(path)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest post(String token, String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", PROTOCOL_VERSION);
        }
        return request.build();
    }

    /** The JSON-RPC answer with {@code id}: the JSON body, or the SSE event carrying it. */
    private static JsonNode message(HttpResponse<String> response, long id) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("text/event-stream")) {
            return Json.MAPPER.readTree(response.body());
        }
        for (String line : response.body().split("\r?\n")) {
            if (line.startsWith("data:")) {
                JsonNode message = Json.MAPPER.readTree(line.substring("data:".length()).trim());
                if (message.path("id").asLong(-1) == id) {
                    return message;
                }
            }
        }
        throw new IllegalStateException("no answer to request " + id + " in the stream: " + response.body());
    }
}
