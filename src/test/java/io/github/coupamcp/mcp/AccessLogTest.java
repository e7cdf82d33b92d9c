package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.oauth.TestIssuer;
import io.github.coupamcp.testing.Await;
import io.modelcontextprotocol.client.McpSyncClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AccessLogTest {
    private static final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER);
    private TestIssuer issuer;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        lines.start();
        logger.addAppender(lines);
        issuer = new TestIssuer();
        server = HttpServer.start(ServerConfig.builder().port(0).auth(issuer.config()).build(),
                new McpServerFactory(new FakeCatalog(), "test"));
    }

    @AfterEach
    void stop() {
        server.stop();
        issuer.close();
        logger.detachAppender(lines);
    }

    private List<JsonNode> logged() {
        return lines.list.stream().map(e -> Json.MAPPER.readTree(e.getFormattedMessage())).toList();
    }

    private HttpResponse<String> get(String path, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oneJsonLinePerRequestWithItsRequestId() throws Exception {
        HttpResponse<String> response = get("/healthz", null);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        Await.until("the access line", Duration.ofSeconds(5), () -> !lines.list.isEmpty());
        JsonNode line = logged().get(0);
        assertThat(line.path("type").asString()).isEqualTo("access");
        assertThat(line.path("request_id").asString()).isEqualTo(id);
        assertThat(line.path("method").asString()).isEqualTo("GET");
        assertThat(line.path("path").asString()).isEqualTo("/healthz");
        assertThat(line.path("status").asInt()).isEqualTo(200);
        assertThat(line.path("duration_ms").isNumber()).isTrue();
    }

    @Test
    void aClientsRequestIdIsKeptWhenHarmless() throws Exception {
        assertThat(get("/healthz", "lb-1234.abc").headers().firstValue("X-Request-Id")).contains("lb-1234.abc");
        String injected = "x\"}{\"status\":200";
        String replaced = get("/healthz", injected).headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(replaced).isNotEqualTo(injected).matches("[0-9a-f-]{36}");
        Await.until("two access lines", Duration.ofSeconds(5), () -> lines.list.size() == 2);
        assertThat(logged()).extracting(l -> l.path("request_id").asString()).containsExactly("lb-1234.abc", replaced);
    }

    @Test
    void mcpRequestsNameTheirSessionAndCallerButNeverTheToken() throws Exception {
        String token = issuer.token("mcp");
        McpSyncClient client = HttpServerTest.client("streamable", server.baseUrl(), token);
        try {
            client.listTools();
        } finally {
            client.closeGracefully();
        }
        get("/mcp", null); // refused: logged with its 401
        Await.until("the 401 line", Duration.ofSeconds(5), () -> lines.list.stream().anyMatch(e -> e.getFormattedMessage()
                .contains("\"status\":401")));
        List<JsonNode> mcp = logged().stream().filter(l -> l.path("path").asString().equals("/mcp")).toList();
        assertThat(mcp).hasSizeGreaterThanOrEqualTo(4);
        assertThat(mcp).filteredOn(l -> l.path("status").asInt() < 400)
                .allSatisfy(l -> {
                    assertThat(l.path("session_id").asString()).isNotEmpty();
                    assertThat(l.path("principal").asString()).isEqualTo("agent-7");
                });
        assertThat(lines.list).noneMatch(e -> e.getFormattedMessage().contains(token));
    }
}
