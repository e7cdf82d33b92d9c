package io.github.coupamcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    private static final String TOKEN = "0123456789abcdef";

    @Test
    void defaultsAreLoopbackWithoutToken() {
        ServerConfig config = ServerConfig.fromEnv(Map.of()).build();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.tokenRequired()).isFalse();
        assertThat(config.responseBudget()).isNull();
        assertThat(config.readOnly()).isFalse();
        assertThat(config.toolsets()).isEmpty();
        assertThat(config.requireSafeHttpBind()).isSameAs(config);
    }

    @Test
    void readsEveryVariable() {
        ServerConfig config = ServerConfig.fromEnv(Map.of(
                "COUPA_MCP_HOST", "0.0.0.0", "COUPA_MCP_PORT", "9090", "COUPA_MCP_HTTP_TOKEN", TOKEN,
                "COUPA_MCP_ALLOWED_HOSTS", "mcp.example.com:*, other:443", "COUPA_MCP_ALLOWED_ORIGINS",
                "https://app.example.com", "COUPA_MCP_RESPONSE_BUDGET", "6000", "COUPA_MCP_CURSOR_KEY", "k",
                "COUPA_MCP_READ_ONLY", "true", "COUPA_MCP_TOOLSETS", "invoices,suppliers")).build();
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.httpToken()).isEqualTo(TOKEN);
        assertThat(config.allowedHosts()).containsExactly("mcp.example.com:*", "other:443");
        assertThat(config.allowedOrigins()).containsExactly("https://app.example.com");
        assertThat(config.responseBudget()).isEqualTo(6000);
        assertThat(config.cursorKey()).isEqualTo("k");
        assertThat(config.readOnly()).isTrue();
        assertThat(config.toolsets()).containsExactly("invoices", "suppliers");
        assertThat(config.requireSafeHttpBind()).isSameAs(config);
    }

    @Test
    void writesAreOffUnlessEnabledAndTheirThresholdIsAnAmount() {
        assertThat(ServerConfig.fromEnv(Map.of()).build().enableWrites()).isFalse();
        assertThat(ServerConfig.fromEnv(Map.of()).build().writeAskAbove()).isNull();
        ServerConfig config = ServerConfig.fromEnv(Map.of("COUPA_MCP_ENABLE_WRITES", "true",
                "COUPA_MCP_WRITE_ASK_ABOVE", "2500.50")).build();
        assertThat(config.enableWrites()).isTrue();
        assertThat(config.writeAskAbove()).isEqualByComparingTo("2500.50");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("COUPA_MCP_ENABLE_WRITES", "sure")))
                .hasMessageContaining("COUPA_MCP_ENABLE_WRITES must be true or false");
        for (String bad : new String[] {"lots", "-1", "1e30"}) {
            assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("COUPA_MCP_WRITE_ASK_ABOVE", bad)))
                    .hasMessageContaining("COUPA_MCP_WRITE_ASK_ABOVE must be an amount of zero or more");
        }
    }

    @Test
    void flagsOverrideTheEnvironment() {
        ServerConfig config = ServerConfig.fromEnv(Map.of("COUPA_MCP_PORT", "9090")).port(0)
                .toolsets(List.of("invoices")).build();
        assertThat(config.port()).isZero();
        assertThat(config.toolsets()).containsExactly("invoices");
    }

    @Test
    void nonLoopbackBindWithoutTokenIsRefused() {
        for (String host : List.of("0.0.0.0", "10.1.2.3", "mcp.example.com", "::")) {
            ServerConfig config = ServerConfig.builder().host(host).build();
            assertThatThrownBy(config::requireSafeHttpBind).isInstanceOf(ServerConfigException.class)
                    .hasMessageContaining("COUPA_MCP_HTTP_TOKEN").hasMessageContaining(host);
        }
    }

    @Test
    void loopbackAddressesNeedNoToken() {
        for (String host : List.of("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2")) {
            assertThat(ServerConfig.isLoopback(host)).as(host).isTrue();
        }
        assertThat(ServerConfig.isLoopback("localhost.evil.com")).isFalse();
    }

    @Test
    void invalidValuesAreNamed() {
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("COUPA_MCP_PORT", "eighty")))
                .hasMessageContaining("COUPA_MCP_PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> ServerConfig.builder().port(70000).build()).hasMessageContaining("65535");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("COUPA_MCP_READ_ONLY", "maybe")))
                .hasMessageContaining("COUPA_MCP_READ_ONLY");
        assertThatThrownBy(() -> ServerConfig.builder().responseBudget(10).build())
                .hasMessageContaining("at least");
        assertThatThrownBy(() -> ServerConfig.builder().httpToken("short").build())
                .isInstanceOf(ServerConfigException.class).hasMessageContaining("at least 16")
                .hasMessageNotContaining("short");
    }

    @Test
    void toolFiltersComeFromTheEnvironment() {
        ServerConfig defaults = ServerConfig.fromEnv(Map.of()).build();
        assertThat(defaults.tools()).isEmpty();
        assertThat(defaults.excludedTools()).isEmpty();
        assertThat(defaults.dynamicToolsets()).isFalse();
        ServerConfig set = ServerConfig.fromEnv(Map.of("COUPA_MCP_TOOLS", "list_invoices, get_supplier",
                "COUPA_MCP_EXCLUDE_TOOLS", "summarize_invoices", "COUPA_MCP_DYNAMIC_TOOLSETS", "true")).build();
        assertThat(set.tools()).containsExactly("list_invoices", "get_supplier");
        assertThat(set.excludedTools()).containsExactly("summarize_invoices");
        assertThat(set.dynamicToolsets()).isTrue();
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("COUPA_MCP_DYNAMIC_TOOLSETS", "sometimes")))
                .isInstanceOf(ServerConfigException.class).hasMessageContaining("COUPA_MCP_DYNAMIC_TOOLSETS");
    }

    @Test
    void statelessHttpComesFromTheEnvironmentAndExcludesDynamicToolsets() {
        assertThat(ServerConfig.fromEnv(Map.of()).build().stateless()).isFalse();
        ServerConfig stateless = ServerConfig.fromEnv(Map.of("COUPA_MCP_HTTP_STATELESS", "true")).build();
        assertThat(stateless.stateless()).isTrue();
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("COUPA_MCP_HTTP_STATELESS", "maybe")))
                .isInstanceOf(ServerConfigException.class).hasMessageContaining("COUPA_MCP_HTTP_STATELESS");
        ServerConfig both = ServerConfig.fromEnv(Map.of("COUPA_MCP_HTTP_STATELESS", "true",
                "COUPA_MCP_DYNAMIC_TOOLSETS", "true")).build(); // stdio ignores the HTTP settings
        assertThatThrownBy(both::requireSafeHttpBind).isInstanceOf(ServerConfigException.class)
                .hasMessageContaining("COUPA_MCP_DYNAMIC_TOOLSETS").hasMessageContaining("COUPA_MCP_TOOLSETS");
    }

    @Test
    void sessionLimitsHaveDefaultsAndAreValidated() {
        ServerConfig defaults = ServerConfig.fromEnv(Map.of()).build();
        assertThat(defaults.sessionIdleTimeout()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(defaults.maxSessions()).isEqualTo(1000);
        ServerConfig set = ServerConfig.fromEnv(Map.of("COUPA_MCP_SESSION_IDLE_TIMEOUT", "10m",
                "COUPA_MCP_MAX_SESSIONS", "50")).build();
        assertThat(set.sessionIdleTimeout()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(set.maxSessions()).isEqualTo(50);
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("COUPA_MCP_MAX_SESSIONS", "0")).build())
                .hasMessageContaining("COUPA_MCP_MAX_SESSIONS");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("COUPA_MCP_SESSION_IDLE_TIMEOUT", "soon")).build())
                .hasMessageContaining("COUPA_MCP_SESSION_IDLE_TIMEOUT");
    }

    @Test
    void scanSettingsAreOptionalAndValidated() {
        ServerConfig defaults = ServerConfig.fromEnv(Map.of()).build();
        assertThat(defaults.scanMaxRequests()).isNull();
        assertThat(defaults.scanDeadline()).isNull();
        assertThat(defaults.answerCacheTtl()).isNull();
        ServerConfig set = ServerConfig.fromEnv(Map.of("COUPA_MCP_SCAN_MAX_REQUESTS", "500",
                "COUPA_MCP_SCAN_DEADLINE", "30s", "COUPA_MCP_ANSWER_CACHE_TTL", "0")).build();
        assertThat(set.scanMaxRequests()).isEqualTo(500L);
        assertThat(set.scanDeadline()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(set.answerCacheTtl()).isEqualTo(java.time.Duration.ZERO);
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("COUPA_MCP_SCAN_MAX_REQUESTS", "0")).build())
                .hasMessageContaining("COUPA_MCP_SCAN_MAX_REQUESTS");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("COUPA_MCP_SCAN_DEADLINE", "0s")).build())
                .hasMessageContaining("COUPA_MCP_SCAN_DEADLINE");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("COUPA_MCP_ANSWER_CACHE_TTL", "later")).build())
                .hasMessageContaining("COUPA_MCP_ANSWER_CACHE_TTL");
    }

    @Test
    void tenantsFileIsReadFromTheEnvironment() {
        assertThat(ServerConfig.fromEnv(Map.of()).build().tenantsFile()).isNull();
        assertThat(ServerConfig.fromEnv(Map.of("COUPA_MCP_TENANTS_FILE", " conf/tenants.yaml ")).build().tenantsFile())
                .isEqualTo(java.nio.file.Path.of("conf/tenants.yaml"));
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("COUPA_MCP_TENANTS_FILE", "bad\0path")))
                .hasMessageContaining("COUPA_MCP_TENANTS_FILE is not a valid file path");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        // every setting away from its default, so a field toBuilder forgot shows up as a difference
        ServerConfig config = ServerConfig.fromEnv(Map.ofEntries(Map.entry("COUPA_MCP_HOST", "0.0.0.0"),
                Map.entry("COUPA_MCP_PORT", "9090"), Map.entry("COUPA_MCP_HTTP_TOKEN", TOKEN),
                Map.entry("COUPA_MCP_ALLOWED_HOSTS", "a:*"), Map.entry("COUPA_MCP_ALLOWED_ORIGINS", "https://b"),
                Map.entry("COUPA_MCP_RESPONSE_BUDGET", "6000"), Map.entry("COUPA_MCP_CURSOR_KEY", "k"),
                Map.entry("COUPA_MCP_READ_ONLY", "true"), Map.entry("COUPA_MCP_TOOLSETS", "invoices"),
                Map.entry("COUPA_MCP_TOOLS", "get_invoice"), Map.entry("COUPA_MCP_EXCLUDE_TOOLS", "list_invoices"),
                Map.entry("COUPA_MCP_DYNAMIC_TOOLSETS", "true"), Map.entry("COUPA_MCP_ENABLE_WRITES", "true"),
                Map.entry("COUPA_MCP_WRITE_ASK_ABOVE", "10"), Map.entry("COUPA_MCP_SESSION_IDLE_TIMEOUT", "5m"),
                Map.entry("COUPA_MCP_MAX_SESSIONS", "7"), Map.entry("COUPA_MCP_SCAN_MAX_REQUESTS", "9"),
                Map.entry("COUPA_MCP_SCAN_DEADLINE", "9s"), Map.entry("COUPA_MCP_ANSWER_CACHE_TTL", "9s"),
                Map.entry("COUPA_MCP_METRICS_PUBLIC", "true"), Map.entry("COUPA_MCP_TENANTS_FILE", "t.yaml"),
                Map.entry("COUPA_MCP_AUTH_ISSUER", "https://issuer.example.com"),
                Map.entry("COUPA_MCP_AUTH_AUDIENCE", "https://mcp.example.com/mcp"))).build();
        assertThat(config.toBuilder().build()).usingRecursiveComparison().isEqualTo(config);
        assertThat(config.toBuilder().port(1).build().port()).isEqualTo(1);
        assertThat(config.port()).isEqualTo(9090);
    }
}
