package io.github.coupamcp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.config.ConfigException;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.FaultRule;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxClient;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.testing.Await;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolOutcome;
import io.github.coupamcp.tools.ToolSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(60)
class CoupaBackendsTest {
    private final CoupaBackends backends = new CoupaBackends();

    @Test
    void toolsetsSelectTheCatalogue() {
        List<ToolDefinition> tools = backends.definitions(ServerConfig.builder().toolsets(List.of("suppliers")).build());
        assertThat(tools).extracting(ToolDefinition::name).containsExactlyInAnyOrder("list_suppliers", "get_supplier",
                "supplier_profile");
    }

    @Test
    void unknownToolsetIsAConfigurationError() {
        assertThatThrownBy(() -> backends.definitions(ServerConfig.builder().toolsets(List.of("bogus")).build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown toolset 'bogus'")
                .hasMessageContaining("contracts").hasMessageContaining("all").hasMessageContaining("COUPA_MCP_TOOLSETS");
    }

    /** Without COUPA_MCP_TOOLSETS the server publishes the core toolsets only; all publishes every one. */
    @Test
    void theDefaultCatalogueIsTheCoreToolsets() {
        List<ToolDefinition> tools = backends.definitions(ServerConfig.fromEnv(Map.of()).build());
        assertThat(tools).extracting(ToolDefinition::toolset).containsOnly("invoices", "suppliers", "purchase_orders");
        List<ToolDefinition> all = backends.definitions(ServerConfig.fromEnv(Map.of("COUPA_MCP_TOOLSETS", "all")).build());
        assertThat(all).extracting(ToolDefinition::toolset).contains("invoices", "contracts");
        assertThat(all).hasSizeGreaterThan(tools.size());
    }

    @Test
    void unknownToolNamesAreConfigurationErrorsNamingTheClosestTools() {
        assertThatThrownBy(() -> backends.definitions(ServerConfig.fromEnv(Map.of("COUPA_MCP_TOOLS", "list_invoices,"
                + "get_suplier")).build()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown tool 'get_suplier' in the tools to publish (did you mean get_supplier")
                .hasMessageContaining("COUPA_MCP_TOOLS");
        assertThatThrownBy(() -> backends.definitions(ServerConfig.fromEnv(Map.of("COUPA_MCP_EXCLUDE_TOOLS",
                "list_invoice")).build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("COUPA_MCP_EXCLUDE_TOOLS");
        assertThat(backends.definitions(ServerConfig.fromEnv(Map.of("COUPA_MCP_TOOLS", "get_supplier",
                "COUPA_MCP_EXCLUDE_TOOLS", "list_invoices")).build()))
                .extracting(ToolDefinition::name).containsExactly("get_supplier");
    }

    @Test
    void shortCursorKeyIsAConfigurationError() {
        assertThatThrownBy(() -> backends.definitions(ServerConfig.builder().cursorKey("short").build()))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("short");
    }

    @Test
    void missingCredentialsFailBeforeAnyConnection() {
        assertThatThrownBy(() -> backends.open(ServerConfig.builder().build(), false,
                Map.of("COUPA_INSTANCE_URL", "https://acme.coupahost.com", "COUPA_CLIENT_ID", "id")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("COUPA_CLIENT_SECRET");
    }

    @Test
    void rejectedCredentialsAreReportedByTheConnectionAndByEveryToolCallWithoutAskingCoupaAgain() {
        try (Sandbox coupa = Sandbox.start(SandboxOptions.builder().port(0).rateLimitEnabled(false).build());
                Backend backend = backends.open(ServerConfig.builder().build(), false, Map.of(
                        "COUPA_INSTANCE_URL", coupa.baseUrl(), "COUPA_CLIENT_ID", coupa.clientId(),
                        "COUPA_CLIENT_SECRET", "wrong-secret"))) {
            assertThatThrownBy(() -> backend.connection().get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(CoupaException.InvalidCredentials.class)
                    .hasMessageNotContaining("wrong-secret");
            long tokenRequests = coupa.control().stats().total();
            for (int i = 0; i < 2; i++) {
                ToolOutcome outcome = backend.catalog().call("list_suppliers", Json.object().put("limit", 1));
                assertThat(outcome.isError()).isTrue();
                assertThat(outcome.text()).contains("COUPA_CLIENT_ID", "restart").doesNotContain("wrong-secret");
            }
            assertThat(coupa.control().stats().total()).as("requests to Coupa").isEqualTo(tokenRequests);
        }
    }

    /**
     * The server asks for the scopes of its tools and hides those Coupa did not grant once the token arrives; with
     * dynamic toolsets it asks for the scopes of every toolset the agent may enable.
     */
    @Test
    void toolsWhoseScopeCoupaDidNotGrantAreHiddenOnceTheTokenArrives() throws Exception {
        try (Sandbox coupa = Sandbox.start(SandboxOptions.builder().port(0).rateLimitEnabled(false)
                .addClient(SandboxClient.withScopes("narrow", "narrow-secret",
                        Set.of("core.invoice.read", "core.supplier.read", "core.contract.read"))).build());
                Backend backend = backends.open(ServerConfig.builder().dynamicToolsets(true).build(), false, Map.of(
                        "COUPA_INSTANCE_URL", coupa.baseUrl(), "COUPA_CLIENT_ID", "narrow",
                        "COUPA_CLIENT_SECRET", "narrow-secret", "COUPA_TOKEN_PROPAGATION_DELAY", "0s"))) {
            backend.connection().get(20, TimeUnit.SECONDS);
            Await.until("the purchase order tools are hidden", Duration.ofSeconds(20),
                    () -> !backend.access().visible("list_purchase_orders", ToolSession.SINGLE));
            assertThat(backend.access().visible("list_invoices", ToolSession.SINGLE)).isTrue();
            assertThat(backend.access().refusal("get_purchase_order", ToolSession.SINGLE)).get().asString()
                    .contains("core.purchase_order.read");
            ToolOutcome enabled = backend.access().enableToolset(Json.object().put("toolset", "contracts"),
                    ToolSession.SINGLE);
            assertThat(enabled.isError()).as(enabled.text()).isFalse();
            assertThat(backend.access().visible("list_contracts", ToolSession.SINGLE)).isTrue();
            assertThat(backend.access().enableToolset(Json.object().put("toolset", "users"), ToolSession.SINGLE)
                    .text()).as("no tool of users has its scope").contains("has no tool this request may use");
        }
    }

    @Test
    void aTokenEndpointFailingAtStartIsTriedAgainByTheNextToolCall() throws Exception {
        try (Sandbox coupa = Sandbox.start(SandboxOptions.builder().port(0).rateLimitEnabled(false)
                .tokenPropagationDelay(Duration.ZERO).build())) {
            coupa.control().fault(FaultRule.always(FaultRule.Kind.STATUS, 503).onPath("/oauth2/token"));
            try (Backend backend = backends.open(ServerConfig.builder().build(), false, Map.of(
                    "COUPA_INSTANCE_URL", coupa.baseUrl(), "COUPA_CLIENT_ID", coupa.clientId(),
                    "COUPA_CLIENT_SECRET", coupa.clientSecret(), "COUPA_MAX_ATTEMPTS", "1",
                    "COUPA_TOKEN_PROPAGATION_DELAY", "0s"))) {
                assertThatThrownBy(() -> backend.connection().get(20, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(CoupaException.ServerError.class);
                coupa.control().clearFaults(); // Coupa is back

                ToolOutcome outcome = backend.catalog().call("list_suppliers", Json.object().put("limit", 1));
                assertThat(outcome.isError()).as(outcome.text()).isFalse();
            }
        }
    }

    @Test
    void closingWhileTheFirstTokenIsPendingCancelsItsReportInsteadOfCuttingItOff() {
        try (Sandbox coupa = Sandbox.start(SandboxOptions.builder().port(0).rateLimitEnabled(false).build())) {
            coupa.control().fault(FaultRule.latency(5_000).onPath("/oauth2/token"));
            Backend backend = backends.open(ServerConfig.builder().build(), false, Map.of(
                    "COUPA_INSTANCE_URL", coupa.baseUrl(), "COUPA_CLIENT_ID", coupa.clientId(),
                    "COUPA_CLIENT_SECRET", coupa.clientSecret()));
            backend.close();
            assertThat(backend.connection()).isCancelled();
        }
    }

    @Test
    void embeddedSandboxServesTheTools() {
        try (Backend backend = backends.open(ServerConfig.builder().build(), true, Map.of())) {
            assertThat(backend.describe()).startsWith("embedded sandbox http://127.0.0.1:");
            var outcome = backend.catalog().call("list_suppliers",
                    io.github.coupamcp.json.Json.object().put("limit", 1));
            assertThat(outcome.isError()).as(outcome.text()).isFalse();
        }
    }

    /**
     * Write tools and their scopes come only with writes enabled: the token asked from the sandbox then carries the
     * write scopes (the sandbox answers 403 without them), so a confirmed void goes through.
     */
    @Test
    void writesEnabledPublishesTheWriteToolsAndRequestsTheirScopes() {
        assertThat(backends.definitions(ServerConfig.builder().build())).extracting(ToolDefinition::name)
                .doesNotContain("create_invoice", "void_invoice");
        ServerConfig writes = ServerConfig.fromEnv(Map.of("COUPA_MCP_ENABLE_WRITES", "true")).build();
        assertThat(backends.definitions(writes)).extracting(ToolDefinition::name)
                .contains("create_invoice", "void_invoice", "submit_invoice", "dispute_invoice");
        try (Backend backend = backends.open(writes, true, Map.of())) {
            var preview = backend.catalog().call("void_invoice", io.github.coupamcp.json.Json.object().put("id", 2));
            assertThat(preview.isError()).as(preview.text()).isFalse();
            var done = backend.catalog().call("void_invoice", io.github.coupamcp.json.Json.object().put("id", 2)
                    .put("confirmation_token", preview.structured().get("confirmation_token").asString()));
            assertThat(done.isError()).as(done.text()).isFalse();
            assertThat(done.structured().at("/item/status").asString()).isEqualTo("voided");
        }
    }
}
