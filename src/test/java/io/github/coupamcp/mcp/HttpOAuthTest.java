package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.oauth.TestIssuer;
import io.modelcontextprotocol.client.McpSyncClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** MCP authorization over HTTP: a test issuer with its own keys signs the tokens. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpOAuthTest {
    private static final String STATIC_TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String METADATA_URL = "http://127.0.0.1/.well-known/oauth-protected-resource/mcp";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static TestIssuer issuer;
    private static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        issuer = new TestIssuer();
        server = HttpServer.start(ServerConfig.builder().port(0).auth(issuer.config("mcp:tools"))
                .httpToken(STATIC_TOKEN).build(), new McpServerFactory(new FakeCatalog(), "test"));
    }

    @AfterAll
    static void stop() {
        server.stop();
        issuer.close();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Accept", "text/event-stream");
        if (path.equals("/mcp/message")) { // the only method served there
            request.POST(HttpRequest.BodyPublishers.ofString("{}"));
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mcp", "/sse", "/mcp/message"})
    void everyMcpPathAsksForATokenAndNamesTheMetadata(String path) throws Exception {
        HttpResponse<String> response = get(path, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer resource_metadata=\"" + METADATA_URL + "\"");
        assertThat(response.body()).contains("Authorization: Bearer").doesNotContain("Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mcp", "/sse", "/mcp/message"})
    void everyMcpPathRefusesBadTokens(String path) throws Exception {
        for (String token : List.of("garbage", issuer.token(c -> c.audience("https://other.example/mcp")),
                issuer.token(c -> c.issuer("https://evil.example")))) {
            HttpResponse<String> response = get(path, token);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .startsWith("Bearer resource_metadata=\"" + METADATA_URL + "\"")
                    .contains("error=\"invalid_token\"");
            assertThat(response.body()).doesNotContain(token);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mcp", "/sse"})
    void aTokenWithoutTheRequiredScopeIsForbidden(String path) throws Exception {
        HttpResponse<String> response = get(path, issuer.token("other"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"").contains("scope=\"mcp:tools\"")
                .contains("resource_metadata=\"" + METADATA_URL + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"streamable", "sse"})
    void clientsWithAValidTokenAreServed(String transport) {
        McpSyncClient client = HttpServerTest.client(transport, server.baseUrl(), issuer.token("mcp:tools"));
        try {
            assertThat(client.listTools().tools()).hasSize(3);
        } finally {
            client.closeGracefully();
        }
    }

    /** A session belongs to the principal that opened it: another valid token naming its id finds no session. */
    @Test
    void anotherPrincipalCannotUseASession() throws Exception {
        String owner = issuer.token(c -> c.subject("agent-7").claim("scope", "mcp:tools"));
        String other = issuer.token(c -> c.subject("agent-8").claim("scope", "mcp:tools"));
        HttpResponse<String> opened = post(owner, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}");
        assertThat(opened.statusCode()).isEqualTo(200);
        String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(post(owner, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .statusCode()).isEqualTo(202);
        String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

        HttpResponse<String> stolen = post(other, session, list);
        assertThat(stolen.statusCode()).isEqualTo(404);
        assertThat(stolen.body()).contains("Session not found").doesNotContain("agent-7");
        assertThat(post(owner, session, list).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(String token, String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anExpiredTokenIsRefusedSayingSo() throws Exception {
        String expired = issuer.token(c -> c.claim("scope", "mcp:tools")
                .expirationTime(new java.util.Date(System.currentTimeMillis() - 120_000)));
        HttpResponse<String> response = get("/mcp", expired);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_token\"", "error_description=\"The access token was refused: Expired JWT\"");
        assertThatThrownBy(() -> HttpServerTest.client("streamable", server.baseUrl(), expired))
                .hasMessageContaining("failed to initialize");
    }

    @Test
    void anUnreachableIssuerIs503WithRetryAfterNot401() throws Exception {
        try (TestIssuer down = new TestIssuer()) {
            down.down(true);
            HttpServer other = HttpServer.start(ServerConfig.builder().port(0).auth(down.config()).build(),
                    new McpServerFactory(new FakeCatalog(), "test"));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(other.baseUrl() + "/mcp"))
                        .header("Authorization", "Bearer " + down.token("mcp")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(response.body()).contains("retry shortly");
            } finally {
                other.stop();
            }
        }
    }

    @Test
    void theStaticTokenStillWorksForSimpleSelfHosting() {
        McpSyncClient client = HttpServerTest.client("streamable", server.baseUrl(), STATIC_TOKEN);
        try {
            assertThat(client.listTools().tools()).hasSize(3);
        } finally {
            client.closeGracefully();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"})
    void theProtectedResourceMetadataIsPublic(String path) throws Exception {
        HttpResponse<String> response = get(path, null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metadata = Json.MAPPER.readTree(response.body());
        assertThat(metadata.path("resource").asString()).isEqualTo(TestIssuer.AUDIENCE);
        assertThat(metadata.path("authorization_servers").get(0).asString()).isEqualTo(issuer.issuer());
        assertThat(metadata.path("scopes_supported").get(0).asString()).isEqualTo("mcp:tools");
        assertThat(metadata.path("bearer_methods_supported").get(0).asString()).isEqualTo("header");
    }

    @Test
    void theAudiencesHostIsAcceptedBehindAProxy() throws Exception {
        try (TestIssuer proxied = new TestIssuer()) {
            HttpServer other = HttpServer.start(ServerConfig.builder().port(0).auth(new io.github.coupamcp.config
                    .AuthConfig(proxied.issuer(), "https://mcp.example.com/mcp", null, List.of())).build(),
                    new McpServerFactory(new FakeCatalog(), "test"));
            try {
                String raw = RawHttp.exchange(other.port(), "GET /mcp HTTP/1.1\r\nHost: mcp.example.com\r\n"
                        + "Accept: text/event-stream\r\nConnection: close\r\n\r\n");
                assertThat(raw).startsWith("HTTP/1.1 401").contains(
                        "resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\"");
                assertThat(RawHttp.exchange(other.port(), "GET /mcp HTTP/1.1\r\nHost: other.example.com\r\n"
                        + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 421");
            } finally {
                other.stop();
            }
        }
    }

    @Test
    void healthStaysOpen() throws Exception {
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    }
}
