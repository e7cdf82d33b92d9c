package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.config.ServerConfigException;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.oauth.TestIssuer;
import io.github.coupamcp.tools.FakeCoupaClient;
import io.github.coupamcp.tools.ToolCatalog;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolOutcome;
import io.github.coupamcp.tools.ToolProgress;
import io.github.coupamcp.tools.ToolRegistry;
import io.github.coupamcp.tools.ToolSettings;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stateless Streamable HTTP over real HTTP: every POST answered on its own, with or without an initialize, and what
 * the mode gives up refused or answered in words.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpStatelessTest {
    static final String BOTH = "application/json, text/event-stream";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static HttpServer server;
    private static HttpServer stateful;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.start(ServerConfig.builder().port(0).stateless(true).build(),
                new McpServerFactory(new FakeCatalog(), "test"));
        stateful = HttpServer.start(ServerConfig.builder().port(0).build(),
                new McpServerFactory(new FakeCatalog(), "test"));
    }

    @AfterAll
    static void stop() {
        server.stop();
        stateful.stop();
    }

    static HttpResponse<String> send(String base, String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json").header("Accept", BOTH);
        }
        headers.forEach(request::setHeader);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String base, String body) throws Exception {
        return send(base, "POST", "/mcp", body, Map.of());
    }

    static String toolsCall(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    static JsonNode json(HttpResponse<String> response) {
        return Json.MAPPER.readTree(response.body());
    }

    static McpSyncClient client(String base) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    @Test
    void aToolCallWithoutInitializeIsAnsweredAsJson() throws Exception {
        HttpResponse<String> response = post(server.baseUrl(), toolsCall(7, "echo", "{\"text\":\"hi\"}"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
        JsonNode answer = json(response);
        assertThat(answer.path("id").asInt()).isEqualTo(7);
        assertThat(answer.at("/result/structuredContent/echoed").asString()).isEqualTo("hi");

        // the same validation and error texts as with sessions
        JsonNode unknown = json(post(server.baseUrl(), toolsCall(8, "ecko", "{}")));
        JsonNode unknownStateful = json(post(stateful.baseUrl(), toolsCall(8, "ecko", "{}")));
        assertThat(unknown.path("error").path("message").asString()).contains("ecko")
                .isEqualTo(unknownStateful.path("error").path("message").asString());
        JsonNode boom = json(post(server.baseUrl(), toolsCall(9, "boom", "{}")));
        assertThat(boom.at("/result/isError").asBoolean()).isTrue();
        assertThat(boom.at("/result/content/0/text").asString()).isEqualTo(McpToolMapper.INTERNAL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ping|{}|", "tools/list|{}|/result/tools/0/name", "resources/list|{}|/result/resources",
        "resources/templates/list|{}|/result/resourceTemplates", "prompts/list|{}|/result/prompts/0/name",
        "prompts/get|{\"name\":\"what_do_we_owe\",\"arguments\":{\"supplier\":\"Acme\"}}|/result/messages/0"})
    void everyMethodIsAnsweredWithoutInitialize(String method) throws Exception {
        String[] parts = method.split("\\|", -1);
        HttpResponse<String> response = post(server.baseUrl(), "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\""
                + parts[0] + "\",\"params\":" + parts[1] + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.has("error")).as(response.body()).isFalse();
        assertThat(answer.path("result").isObject()).as(response.body()).isTrue();
        if (!parts[2].isEmpty()) {
            assertThat(answer.at(parts[2]).isMissingNode()).as(response.body()).isFalse();
        }
    }

    @Test
    void initializeIsAnsweredWithoutASessionAndTheSameServerDescription() throws Exception {
        HttpResponse<String> response = post(server.baseUrl(), HttpEdgeChecks.INIT);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
        JsonNode result = json(response).path("result");
        assertThat(result.at("/serverInfo/name").asString()).isEqualTo("coupa-mcp");
        assertThat(result.at("/capabilities/tools/listChanged").asBoolean(true)).as("no tools/list_changed").isFalse();

        McpSyncClient withSession = client(stateful.baseUrl());
        try {
            assertThat(result.path("instructions").asString())
                    .isEqualTo(withSession.getCurrentInitializationResult().instructions());
            assertThat(withSession.getCurrentInitializationResult().capabilities().tools().listChanged()).isTrue();
        } finally {
            withSession.closeGracefully();
        }
    }

    @Test
    void theSdkClientWorksWithoutASession() {
        McpSyncClient client = client(server.baseUrl());
        try {
            assertThat(client.getCurrentInitializationResult().protocolVersion()).isEqualTo("2025-11-25");
            client.ping();
            assertThat(client.listTools().tools()).extracting(t -> t.name()).containsExactly("echo", "fail", "boom");
            CallToolResult echo = client.callTool(new CallToolRequest("echo", Map.of("text", "hello")));
            assertThat(echo.structuredContent()).isEqualTo(Map.of("echoed", "hello"));
            assertThat(client.callTool(new CallToolRequest("fail", Map.of())).isError()).isTrue();
            assertThat(client.listResources().resources()).isEmpty(); // FakeCatalog has no record tools
            Prompt prompt = client.listPrompts().prompts().get(0);
            assertThat(prompt.description()).isNotBlank();
            assertThat(client.listPrompts().prompts()).extracting(Prompt::name).contains("what_do_we_owe");
            String text = ((TextContent) client.getPrompt(new GetPromptRequest("what_do_we_owe",
                    Map.of("supplier", "Acme"))).messages().get(0).content()).text();
            assertThat(text).contains("Acme");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void anySessionIdAClientSendsIsIgnored() throws Exception {
        HttpResponse<String> response = send(server.baseUrl(), "POST", "/mcp", toolsCall(1, "echo",
                "{\"text\":\"x\"}"), Map.of("Mcp-Session-Id", "made-up"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/result/structuredContent/echoed").asString()).isEqualTo("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "DELETE"})
    void theEventStreamAndSessionEndAreRefusedInWords(String method) throws Exception {
        HttpResponse<String> response = send(server.baseUrl(), method, "/mcp", null,
                Map.of("Accept", "text/event-stream", "Mcp-Session-Id", "abc"));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST, OPTIONS");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = json(response).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(-32600);
        assertThat(error.path("message").asString()).isEqualTo(StatelessHttp.NO_STREAM);
        // and OPTIONS tells the same
        HttpResponse<String> options = send(server.baseUrl(), "OPTIONS", "/mcp", null, Map.of());
        assertThat(options.headers().firstValue("Allow")).contains("POST, OPTIONS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /sse", "POST /mcp/message"})
    void sseIsOffAndSaysWhy(String request) throws Exception {
        String[] parts = request.split(" ");
        String body = parts[0].equals("POST") ? toolsCall(1, "echo", "{\"text\":\"x\"}") : null;
        HttpResponse<String> response = send(server.baseUrl(), parts[0], parts[1] + (body == null ? ""
                : "?sessionId=abc"), body, Map.of("Accept", "text/event-stream"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").path("message").asString()).isEqualTo(StatelessHttp.NO_SSE);
    }

    @Test
    void theHttpEdgeIsGuardedAsWithSessions() throws Exception {
        HttpEdgeChecks edge = new HttpEdgeChecks(server.baseUrl());
        edge.healthzIsOk();
        edge.foreignOriginIsForbidden();
        edge.foreignHostIsMisdirected();
        // the SDK's own refusal (no text/event-stream in Accept) without its stack trace
        HttpResponse<String> accept = send(server.baseUrl(), "POST", "/mcp", HttpEdgeChecks.INIT,
                Map.of("Accept", "application/json"));
        assertThat(accept.statusCode()).isEqualTo(400);
        assertThat(json(accept).path("error").path("message").asString()).contains("Accept");
        HttpEdgeChecks.assertNoStackTrace(accept.body());
        HttpEdgeChecks.tooLarge(() -> post(server.baseUrl(), toolsCall(1, "echo", "{\"text\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"}"))).ifPresent(response -> HttpEdgeChecks.assertNoStackTrace(
                        response.body()));
    }

    @Test
    void badJsonIsAJsonRpcError() throws Exception {
        HttpResponse<String> response = post(server.baseUrl(), "{\"jsonrpc\":\"2.0\",\"id\":1,");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32700);
        HttpResponse<String> notRpc = post(server.baseUrl(), "[1,2]");
        assertThat(json(notRpc).path("error").path("code").asInt()).isNotZero();
        assertThat(notRpc.body()).doesNotContain("Exception", "stackTrace");
    }

    @Test
    void aCancellationIsAcknowledgedAndTheCallRunsToItsEnd() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeCatalog echo = new FakeCatalog();
        ToolCatalog slow = new ToolCatalog() {
            @Override
            public List<ToolDefinition> tools() {
                return echo.tools();
            }

            @Override
            public ToolOutcome call(String name, ObjectNode arguments) {
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return ToolOutcome.error("interrupted");
                }
                return echo.call(name, arguments);
            }
        };
        HttpServer slowServer = HttpServer.start(ServerConfig.builder().port(0).stateless(true).build(),
                new McpServerFactory(slow, "test"));
        try {
            CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> {
                try {
                    // a session header (which names nothing here) does not make the call cancellable either
                    return send(slowServer.baseUrl(), "POST", "/mcp", toolsCall(5, "echo", "{\"text\":\"kept\"}"),
                            Map.of("Mcp-Session-Id", "same"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> cancel = send(slowServer.baseUrl(), "POST", "/mcp", "{\"jsonrpc\":\"2.0\","
                    + "\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5,\"reason\":\"user\"}}",
                    Map.of("Mcp-Session-Id", "same"));
            assertThat(cancel.statusCode()).isEqualTo(202);
            release.countDown();
            JsonNode answer = json(call.get(10, TimeUnit.SECONDS));
            assertThat(answer.at("/result/isError").asBoolean()).isFalse();
            assertThat(answer.at("/result/structuredContent/echoed").asString()).isEqualTo("kept");
        } finally {
            release.countDown();
            slowServer.stop();
        }
    }

    @Test
    void aProgressTokenGetsTheAnswerAlone() throws Exception {
        McpProgressTest.SteppingCatalog catalog = new McpProgressTest.SteppingCatalog();
        HttpServer steps = HttpServer.start(ServerConfig.builder().port(0).stateless(true).build(),
                new McpServerFactory(catalog, "test"));
        try {
            HttpResponse<String> response = post(steps.baseUrl(), "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":"
                    + "\"tools/call\",\"params\":{\"name\":\"steps\",\"arguments\":{},\"_meta\":{\"progressToken\":"
                    + "\"p1\"}}}");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(json(response).at("/result/content/0/text").asString()).isEqualTo("done");
            assertThat(catalog.lastProgress.get()).as("no progress sink without a session")
                    .isSameAs(ToolProgress.NONE);
        } finally {
            steps.stop();
        }
    }

    @Test
    void theStaticTokenIsStillRequired() throws Exception {
        String token = "0123456789abcdef0123456789abcdef";
        HttpServer guarded = HttpServer.start(ServerConfig.builder().port(0).stateless(true).httpToken(token).build(),
                new McpServerFactory(new FakeCatalog(), "test"));
        try {
            assertThat(post(guarded.baseUrl(), toolsCall(1, "echo", "{\"text\":\"x\"}")).statusCode()).isEqualTo(401);
            assertThat(send(guarded.baseUrl(), "GET", "/mcp", null, Map.of()).statusCode()).as("refused before")
                    .isEqualTo(405);
            assertThat(send(guarded.baseUrl(), "GET", "/sse", null, Map.of()).statusCode()).isEqualTo(401);
            HttpResponse<String> ok = send(guarded.baseUrl(), "POST", "/mcp", toolsCall(1, "echo",
                    "{\"text\":\"x\"}"), Map.of("Authorization", "Bearer " + token));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(json(ok).at("/result/structuredContent/echoed").asString()).isEqualTo("x");
        } finally {
            guarded.stop();
        }
    }

    @Test
    void oauthIsStillRequiredAndAnyPrincipalMayNameAnySessionId() throws Exception {
        try (TestIssuer issuer = new TestIssuer()) {
            HttpServer guarded = HttpServer.start(ServerConfig.builder().port(0).stateless(true)
                    .auth(issuer.config("mcp:tools")).build(), new McpServerFactory(new FakeCatalog(), "test"));
            try {
                HttpResponse<String> none = post(guarded.baseUrl(), toolsCall(1, "echo", "{\"text\":\"x\"}"));
                assertThat(none.statusCode()).isEqualTo(401);
                assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("resource_metadata");
                assertThat(send(guarded.baseUrl(), "POST", "/mcp", toolsCall(1, "echo", "{}"),
                        Map.of("Authorization", "Bearer " + issuer.token("other"))).statusCode()).isEqualTo(403);
                // no session is bound to a principal: two principals sending the same header are both served
                for (String subject : new String[] {"alice", "bob"}) {
                    String token = issuer.token(c -> c.subject(subject).claim("scope", "mcp:tools"));
                    HttpResponse<String> ok = send(guarded.baseUrl(), "POST", "/mcp", toolsCall(1, "echo",
                            "{\"text\":\"" + subject + "\"}"), Map.of("Authorization", "Bearer " + token,
                            "Mcp-Session-Id", "shared"));
                    assertThat(ok.statusCode()).as(subject).isEqualTo(200);
                    assertThat(json(ok).at("/result/structuredContent/echoed").asString()).isEqualTo(subject);
                }
            } finally {
                guarded.stop();
            }
        }
    }

    @Test
    void toolHeadersStillNarrowTheTools() throws Exception {
        HttpResponse<String> list = send(server.baseUrl(), "POST", "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,"
                + "\"method\":\"tools/list\"}", Map.of(ToolHeadersFilter.EXCLUDE_TOOLS, "boom"));
        assertThat(json(list).at("/result/tools").findValuesAsString("name")).containsExactly("echo", "fail");
        HttpResponse<String> call = send(server.baseUrl(), "POST", "/mcp", toolsCall(2, "boom", "{}"),
                Map.of(ToolHeadersFilter.EXCLUDE_TOOLS, "boom"));
        assertThat(json(call).at("/result/content/0/text").asString()).contains("not available to this request");
        HttpResponse<String> bad = send(server.baseUrl(), "POST", "/mcp", toolsCall(3, "echo", "{}"),
                Map.of(ToolHeadersFilter.EXCLUDE_TOOLS, "nope"));
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void dynamicToolsetsAreRefusedAtStartWithTheReason() {
        assertThatThrownBy(() -> ServerConfig.builder().stateless(true).dynamicToolsets(true).build()
                .requireSafeHttpBind())
                .isInstanceOf(ServerConfigException.class)
                .hasMessageContaining("COUPA_MCP_DYNAMIC_TOOLSETS").hasMessageContaining("no sessions");
        ToolRegistry registry = ToolRegistry.load(ToolSettings.builder().dynamicToolsets(true).build());
        McpServerFactory factory = new McpServerFactory(registry.catalog(new FakeCoupaClient()), registry.access(),
                "test");
        assertThat(registry.access().dynamic()).isTrue();
        assertThatThrownBy(() -> HttpServer.start(ServerConfig.builder().port(0).stateless(true).build(), factory))
                .hasMessageContaining("no sessions");
        ServerConfig.builder().stateless(true).build().requireSafeHttpBind(); // alone, fine
        ServerConfig.builder().dynamicToolsets(true).build().requireSafeHttpBind();
    }

    @Test
    void noSessionsAreCounted() {
        assertThat(server.openSessions()).isZero();
    }
}
