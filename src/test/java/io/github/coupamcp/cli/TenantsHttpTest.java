package io.github.coupamcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.mcp.HttpServer;
import io.github.coupamcp.mcp.Operations;
import io.github.coupamcp.metrics.ServiceMetrics;
import io.github.coupamcp.oauth.TestIssuer;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import io.github.coupamcp.testing.Await;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two tenants on two Coupa sandboxes with different data, behind one HTTP server: each caller sees only its own
 * tenant's data, and nothing of one tenant (sessions, cursors, confirmation tokens) works for the other. The file is
 * reloaded while sessions run.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TenantsHttpTest {
    private static final String ACME_TOKEN = "acme-static-token-0123456789";
    private static final String BETA_TOKEN = "beta-static-token-0123456789";
    private static final String METRICS_TOKEN = "metrics-scraper-token-0123456789";

    @TempDir
    Path dir;
    private Sandbox acme;
    private Sandbox beta;
    private Path file;
    private Map<String, String> env;
    private TestIssuer issuer;
    private TenantConnections tenants;
    private HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        acme = sandbox(1);
        beta = sandbox(2);
        issuer = new TestIssuer();
        env = new HashMap<>(Map.of("ACME_SECRET", acme.clientSecret(), "BETA_SECRET", beta.clientSecret(),
                "ACME_TOKEN", ACME_TOKEN, "BETA_TOKEN", BETA_TOKEN, "GAMMA_TOKEN", "gamma-static-token-0123456789"));
        file = dir.resolve("tenants.json");
        write(false);
        ServerConfig config = ServerConfig.builder().port(0).auth(issuer.config()).tenantsFile(file)
                .metricsToken(METRICS_TOKEN).build();
        ServiceMetrics metrics = new ServiceMetrics();
        tenants = TenantConnections.open(config, new CoupaBackends(), env, metrics, "test");
        server = HttpServer.start(config, tenants.tenants(), tenants,
                new Operations(tenants::notReady, metrics.registry(), tenants::notReady));
    }

    /** A port nothing listens on: gamma's Coupa. */
    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Sandbox sandbox(long seed) {
        return Sandbox.start(SandboxOptions.builder().port(0).scale(Scale.SMALL).seed(seed)
                .tokenPropagationDelay(Duration.ZERO).build());
    }

    /** acme: principal alice and a static token, writes on; beta: a static token, read-only when asked. */
    private void write(boolean betaReadOnly) throws Exception {
        String json = """
                {"tenants": [
                  {"name": "acme", "principals": ["alice"], "static_tokens": [{"env": "ACME_TOKEN"}],
                   "coupa": {"instance_url": "%s", "client_id": "%s", "client_secret": {"env": "ACME_SECRET"},
                             "token_propagation_delay": "0s"},
                   "enable_writes": true, "max_concurrent_calls": 32},
                  {"name": "beta", "principals": ["bob"], "static_tokens": [{"env": "BETA_TOKEN"}],
                   "coupa": {"instance_url": "%s", "client_id": "%s", "client_secret": {"env": "BETA_SECRET"},
                             "token_propagation_delay": "0s"},
                   "enable_writes": true, "read_only": %s, "max_sessions": 3},
                  {"name": "gamma", "static_tokens": [{"env": "GAMMA_TOKEN"}],
                   "coupa": {"instance_url": "http://127.0.0.1:%d", "client_id": "gamma",
                             "client_secret": {"env": "BETA_SECRET"}, "max_attempts": 1}}
                ]}
                """.formatted(acme.baseUrl(), acme.clientId(), beta.baseUrl(), beta.clientId(), betaReadOnly,
                closedPort());
        Path next = dir.resolve("tenants.json.new");
        Files.writeString(next, json);
        Files.move(next, dir.resolve("tenants.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        tenants.close();
        acme.close();
        beta.close();
        issuer.close();
    }

    private McpSyncClient client(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder().header("Authorization", "Bearer " + token);
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(server.baseUrl())
                .endpoint(HttpServer.MCP_PATH).requestBuilder(request).build())
                .requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    private static JsonNode call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(new CallToolRequest(tool, arguments));
        assertThat(result.isError()).as(tool + ": " + text(result)).isFalse();
        return Json.MAPPER.valueToTree(result.structuredContent());
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private static List<String> supplierNames(McpSyncClient client) {
        JsonNode page = call(client, "list_suppliers", Map.of("limit", 20));
        return page.path("items").valueStream().map(s -> s.path("name").asString()).toList();
    }

    @Test
    void eachCallerSeesItsOwnTenantsCoupaWhetherByStaticTokenOrOAuthPrincipal() {
        McpSyncClient acmeByToken = client(ACME_TOKEN);
        McpSyncClient acmeByOAuth = client(issuer.token(c -> c.subject("alice")));
        McpSyncClient betaByToken = client(BETA_TOKEN);
        McpSyncClient betaByOAuth = client(issuer.token(c -> c.subject("bob")));
        try {
            // answers are cached per tenant: the same question asked of each gives each its own answer
            Map<String, Object> question = Map.of("group_by", "supplier", "top", 3);
            JsonNode acmeAnswer = call(acmeByToken, "summarize_invoices", question);
            JsonNode betaAnswer = call(betaByToken, "summarize_invoices", question);
            assertThat(betaAnswer.path("groups")).isNotEqualTo(acmeAnswer.path("groups"));
            assertThat(betaAnswer.at("/scan/cached").asBoolean()).isFalse();
            JsonNode again = call(acmeByOAuth, "summarize_invoices", question);
            assertThat(again.path("groups")).isEqualTo(acmeAnswer.path("groups"));
            assertThat(again.at("/scan/cached").asBoolean()).isTrue();
            List<String> acmeSuppliers = supplierNames(acmeByToken);
            List<String> betaSuppliers = supplierNames(betaByToken);
            assertThat(acmeSuppliers).isNotEmpty().isNotEqualTo(betaSuppliers);
            assertThat(supplierNames(acmeByOAuth)).isEqualTo(acmeSuppliers);
            assertThat(supplierNames(betaByOAuth)).isEqualTo(betaSuppliers);
        } finally {
            List.of(acmeByToken, acmeByOAuth, betaByToken, betaByOAuth).forEach(McpSyncClient::closeGracefully);
        }
    }

    @Test
    void aPrincipalOfNoTenantIsRefusedWith403AndAnUnknownStaticTokenWith401() throws Exception {
        HttpResponse<String> stranger = post(issuer.token(c -> c.subject("mallory")), null, INITIALIZE);
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.body()).contains("principal mallory is not assigned to any tenant");
        HttpResponse<String> unknown = post("not-a-tenant-token", null, INITIALIZE);
        assertThat(unknown.statusCode()).isEqualTo(401);
    }

    @Test
    void aSessionCursorOrConfirmationTokenOfOneTenantIsWorthNothingAtTheOther() throws Exception {
        McpSyncClient acmeClient = client(ACME_TOKEN);
        McpSyncClient betaClient = client(BETA_TOKEN);
        try {
            // a session: beta naming acme's session id is answered as if it did not exist
            HttpResponse<String> opened = post(ACME_TOKEN, null, INITIALIZE);
            String acmeSession = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertThat(post(ACME_TOKEN, acmeSession, PING).statusCode()).isEqualTo(200);
            HttpResponse<String> stolen = post(BETA_TOKEN, acmeSession, PING);
            assertThat(stolen.statusCode()).isEqualTo(404);
            assertThat(stolen.body()).contains("Session not found");
            // nor by an OAuth principal of the same tenant: the static token's session is not alice's
            HttpResponse<String> claimed = post(issuer.token(c -> c.subject("alice")), acmeSession, PING);
            assertThat(claimed.statusCode()).isEqualTo(404);
            assertThat(post(ACME_TOKEN, acmeSession, PING).statusCode()).isEqualTo(200);

            // a cursor: acme's next page is no page of beta's
            String cursor = call(acmeClient, "list_invoices", Map.of("limit", 2)).path("next_cursor").asString();
            assertThat(cursor).isNotBlank();
            CallToolResult replayed = betaClient.callTool(new CallToolRequest("list_invoices",
                    Map.of("limit", 2, "cursor", cursor)));
            assertThat(replayed.isError()).isTrue();
            assertThat(text(replayed)).containsIgnoringCase("cursor");

            // a confirmation token: acme's preview confirms nothing at beta
            String status = call(betaClient, "get_invoice", Map.of("id", 2)).path("item").path("status").asString();
            JsonNode preview = call(acmeClient, "void_invoice", Map.of("id", 2));
            String confirmation = preview.path("confirmation_token").asString();
            assertThat(confirmation).isNotBlank();
            CallToolResult misused = betaClient.callTool(new CallToolRequest("void_invoice",
                    Map.of("id", 2, "confirmation_token", confirmation)));
            assertThat(misused.isError()).isTrue();
            assertThat(text(misused)).contains("confirmation_token");
            assertThat(call(betaClient, "get_invoice", Map.of("id", 2)).path("item").path("status").asString())
                    .isEqualTo(status);
        } finally {
            acmeClient.closeGracefully();
            betaClient.closeGracefully();
        }
    }

    @Test
    void aReloadServesNewSessionsTheNewSettingsWhileRunningOnesKeepTheirs() throws Exception {
        McpSyncClient before = client(BETA_TOKEN);
        try {
            assertThat(toolNames(before)).contains("void_invoice");
            TenantsFileWatch watch = TenantsFileWatch.start(file, () -> tenants.reload(server::updateTenants),
                    Duration.ofMillis(50));
            try {
                write(true); // beta becomes read-only
                Await.until("the reload", Duration.ofSeconds(20), () -> {
                    McpSyncClient probe = client(BETA_TOKEN);
                    try {
                        return !toolNames(probe).contains("void_invoice");
                    } finally {
                        probe.closeGracefully();
                    }
                });
            } finally {
                watch.close();
            }
            assertThat(toolNames(before)).as("the session of before the reload").contains("void_invoice");
            assertThat(server.openSessionsByTenant().get("beta")).isGreaterThanOrEqualTo(1);
        } finally {
            before.closeGracefully();
        }
    }

    @Test
    void aTenantAtItsSessionLimitIsRefusedWhileOthersStillOpenSessions() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post(BETA_TOKEN, null, INITIALIZE).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> full = post(BETA_TOKEN, null, INITIALIZE);
        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(full.body()).contains("Too many open sessions for tenant beta (limit 3)").contains("max_sessions");
        assertThat(post(ACME_TOKEN, null, INITIALIZE).statusCode()).isEqualTo(200);
    }

    @Test
    void aWritesAuditLineNamesTheRequestSessionTenantAndPrincipal() throws Exception {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        ch.qos.logback.classic.Logger audit = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                "io.github.coupamcp.audit.writes");
        appender.start();
        audit.addAppender(appender);
        try {
            String alice = issuer.token(c -> c.subject("alice"));
            String session = post(alice, null, INITIALIZE).headers().firstValue("Mcp-Session-Id").orElseThrow();
            post(alice, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            HttpResponse<String> preview = post(alice, session, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                    + "\"tools/call\",\"params\":{\"name\":\"void_invoice\",\"arguments\":{\"id\":2}}}",
                    "audit-request-7");
            assertThat(preview.body()).contains("confirmation_token");
            assertThat(appender.list).hasSize(1);
            JsonNode line = Json.MAPPER.readTree(appender.list.get(0).getFormattedMessage());
            assertThat(line.path("type").asString()).isEqualTo("audit");
            assertThat(line.path("outcome").asString()).isEqualTo("previewed");
            assertThat(line.path("request_id").asString()).isEqualTo("audit-request-7");
            assertThat(line.path("session_id").asString()).isEqualTo(session);
            assertThat(line.path("tenant").asString()).isEqualTo("acme");
            assertThat(line.path("principal").asString()).isEqualTo("alice");
        } finally {
            audit.detachAppender(appender);
        }
    }

    @Test
    void metricsAreTheScrapersAloneAndNameEachTenant() throws Exception {
        McpSyncClient acmeClient = client(ACME_TOKEN);
        try {
            call(acmeClient, "list_suppliers", Map.of("limit", 1));
            assertThat(get("/metrics", ACME_TOKEN).statusCode()).isEqualTo(401);
            assertThat(get("/metrics", issuer.token(c -> c.subject("alice"))).statusCode()).isEqualTo(401);
            HttpResponse<String> scrape = get("/metrics", METRICS_TOKEN);
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body())
                    .contains("coupa_mcp_sessions_active{tenant=\"acme\"} 1.0")
                    .contains("coupa_mcp_sessions_active{tenant=\"beta\"} 0.0")
                    .containsPattern("coupa_mcp_tool_calls_seconds_count\\{outcome=\"ok\",tenant=\"acme\","
                            + "tool=\"list_suppliers\"} 1")
                    .contains("coupa_mcp_upstream_token_fetches_total{tenant=\"beta\"}");
        } finally {
            acmeClient.closeGracefully();
        }
    }

    @Test
    void readinessNamesTheTenantWhoseCoupaCannotBeReached() throws Exception {
        Await.until("gamma's token request failed", Duration.ofSeconds(30),
                () -> tenants.backends().get("gamma").connection().isDone());
        HttpResponse<String> ready = get("/readyz", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("tenant gamma").doesNotContain("tenant acme", "tenant beta");
    }

    /** A load balancer routing one tenant need not drop the replica because another tenant's Coupa is down. */
    @Test
    void readinessPerTenantAnswersForThatTenantOnly() throws Exception {
        Await.until("gamma's token request failed", Duration.ofSeconds(30),
                () -> tenants.backends().get("gamma").connection().isDone());
        Await.until("acme's Coupa answered", Duration.ofSeconds(30),
                () -> tenants.backends().get("acme").connection().isDone());
        HttpResponse<String> acme = get("/readyz?tenant=acme", null);
        assertThat(acme.statusCode()).isEqualTo(200);
        assertThat(acme.body()).contains("\"ready\"");
        HttpResponse<String> gamma = get("/readyz?tenant=gamma", null);
        assertThat(gamma.statusCode()).isEqualTo(503);
        assertThat(gamma.body()).contains("not_ready");
        HttpResponse<String> unknown = get("/readyz?tenant=nobody", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown_tenant").doesNotContain("nobody");
        assertThat(get("/readyz", null).statusCode()).as("the whole server still names gamma").isEqualTo(503);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> toolNames(McpSyncClient client) {
        return client.listTools().tools().stream().map(t -> t.name()).toList();
    }

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";

    private HttpResponse<String> post(String token, String session, String body) throws Exception {
        return post(token, session, body, null);
    }

    private HttpResponse<String> post(String token, String session, String body, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + HttpServer.MCP_PATH))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
