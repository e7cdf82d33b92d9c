package io.github.coupamcp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.config.ConfigException;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.tools.ToolDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoupaBackendsTest {
    private final CoupaBackends backends = new CoupaBackends();

    @Test
    void toolsetsSelectTheCatalogue() {
        List<ToolDefinition> tools = backends.definitions(ServerConfig.builder().toolsets(List.of("suppliers")).build());
        assertThat(tools).extracting(ToolDefinition::name).containsExactlyInAnyOrder("list_suppliers", "get_supplier");
    }

    @Test
    void unknownToolsetIsAConfigurationError() {
        assertThatThrownBy(() -> backends.definitions(ServerConfig.builder().toolsets(List.of("bogus")).build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bogus");
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
    void rejectedCredentialsFailAtStartNotAtTheFirstToolCall() {
        try (Sandbox coupa = Sandbox.start(SandboxOptions.builder().port(0).rateLimitEnabled(false).build())) {
            assertThatThrownBy(() -> backends.open(ServerConfig.builder().build(), false, Map.of(
                    "COUPA_INSTANCE_URL", coupa.baseUrl(), "COUPA_CLIENT_ID", coupa.clientId(),
                    "COUPA_CLIENT_SECRET", "wrong-secret")))
                    .isInstanceOf(CoupaException.AuthFailed.class)
                    .hasMessageNotContaining("wrong-secret");
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
}
