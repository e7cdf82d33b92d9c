package io.github.coupamcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** The commands people and scripts run by hand, from the packaged jar. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliProcessIT {
    private record Run(int exitCode, String stdout, String stderr) {}

    private static Run run(Map<String, String> env, String... args) throws Exception {
        try (ServerProcess process = ServerProcess.start(env, args)) {
            String stdout = new String(Await.within(Duration.ofSeconds(40), "end of stdout",
                    process.process().getInputStream()::readAllBytes), StandardCharsets.UTF_8);
            Integer code = process.awaitExit(Duration.ofSeconds(40));
            assertThat(code).as("exited").isNotNull();
            return new Run(code, stdout, process.stderr());
        }
    }

    @Test
    void callPrintsJsonAndSignalsToolErrorsInTheExitCode() throws Exception {
        Run ok = run(ItSandbox.shared().serverEnv(), "call", "list_suppliers", "{\"limit\":2}");
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        JsonNode result = Json.MAPPER.readTree(ok.stdout());
        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(result.path("structuredContent").path("items").size()).isEqualTo(2);

        Run missing = run(ItSandbox.shared().serverEnv(), "call", "get_supplier", "{\"id\":987654321}");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(Json.MAPPER.readTree(missing.stdout()).path("isError").asBoolean()).isTrue();
    }

    @Test
    void aCursorSignedWithTheConfiguredKeyContinuesInAnotherProcess() throws Exception {
        Map<String, String> env = ItSandbox.shared().serverEnv(); // sets COUPA_MCP_CURSOR_KEY
        JsonNode first = Json.MAPPER.readTree(run(env, "call", "list_suppliers", "{\"limit\":2}").stdout());
        String cursor = first.path("structuredContent").path("next_cursor").asString();
        assertThat(cursor).isNotBlank();

        Run next = run(env, "call", "list_suppliers", "{\"cursor\":\"" + cursor + "\"}");
        assertThat(next.exitCode()).as(next.stdout()).isZero();
        long lastId = first.path("structuredContent").path("items").get(1).path("id").asLong();
        assertThat(Json.MAPPER.readTree(next.stdout()).path("structuredContent").path("items").get(0)
                .path("id").asLong()).isGreaterThan(lastId);

        Map<String, String> otherKey = new java.util.HashMap<>(env);
        otherKey.put("COUPA_MCP_CURSOR_KEY", "another-key-0123456789abcdef0000");
        Run foreign = run(otherKey, "call", "list_suppliers", "{\"cursor\":\"" + cursor + "\"}");
        assertThat(foreign.exitCode()).isEqualTo(1);
        assertThat(foreign.stdout()).contains("The cursor is not valid", "call list_suppliers without cursor");
    }

    @Test
    void callFailsFastWithExitCode1WhenCoupaRejectsTheCredentials() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(ItSandbox.shared().serverEnv());
        env.put("COUPA_CLIENT_SECRET", "wrong-secret-value-42");
        Run run = run(env, "call", "list_suppliers", "{\"limit\":1}");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr().lines().filter(line -> line.startsWith("coupa-mcp:"))).singleElement().asString()
                .contains("Coupa rejected", "COUPA_CLIENT_ID", "COUPA_CLIENT_SECRET");
        assertThat(run.stderr()).doesNotContain("\tat ").doesNotContain("wrong-secret-value-42");
    }

    @Test
    void callFailsFastWithExitCode1WhenCoupaIsUnreachable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = new java.util.HashMap<>(ItSandbox.shared().serverEnv());
        env.put("COUPA_INSTANCE_URL", "http://127.0.0.1:" + closedPort);
        env.put("COUPA_MAX_ATTEMPTS", "1");
        Run run = run(env, "call", "list_suppliers", "{\"limit\":1}");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("coupa-mcp: Coupa is unreachable", "COUPA_INSTANCE_URL")
                .doesNotContain("\tat ");
    }

    @Test
    void toolsNeedsNoCredentials() throws Exception {
        Run tools = run(Map.of(), "tools");
        assertThat(tools.exitCode()).isZero();
        assertThat(tools.stdout()).contains("list_invoices", "get_purchase_order", "read-only");
    }

    /** The jar ships tools-schema/toolsets.json: core toolsets by default, the others with all or by name. */
    @Test
    void toolsetsFromTheJar() throws Exception {
        Run core = run(Map.of(), "tools");
        assertThat(core.stdout()).contains("list_invoices").doesNotContain("list_contracts", "list_users");
        Run all = run(Map.of(), "tools", "--toolsets", "all");
        assertThat(all.exitCode()).isZero();
        assertThat(all.stdout()).contains("list_invoices", "list_contracts", "list_requisitions", "list_approvals",
                "get_user", "list_receipts", "list_expense_reports", "list_accounts");
        Run named = run(Map.of("COUPA_MCP_TOOLSETS", "core,contracts"), "tools");
        assertThat(named.stdout()).contains("list_invoices", "get_contract").doesNotContain("list_users");
        Run bogus = run(Map.of("COUPA_MCP_TOOLSETS", "contract"), "tools");
        assertThat(bogus.exitCode()).isEqualTo(2);
        assertThat(bogus.stderr()).contains("unknown toolset 'contract'", "contracts", "COUPA_MCP_TOOLSETS")
                .doesNotContain("\tat ");
    }

    @Test
    void missingSecretIsAConfigurationError() throws Exception {
        Run run = run(Map.of("COUPA_INSTANCE_URL", "https://acme.coupahost.com", "COUPA_CLIENT_ID", "x"),
                "call", "list_invoices");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("configuration error", "COUPA_CLIENT_SECRET").doesNotContain("\tat ");
        assertThat(run.stdout()).isEmpty();
    }
}
