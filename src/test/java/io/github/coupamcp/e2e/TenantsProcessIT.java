package io.github.coupamcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server with a tenants file: a tenant's static token serves its Coupa, an unknown one is refused, and
 * SIGHUP reloads the file (a tenant added while it runs is served without a restart; the process stays up).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TenantsProcessIT {
    private static final String ACME = "acme-process-token-0123456789";
    private static final String BETA = "beta-process-token-0123456789";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private String tenants(boolean withBeta) {
        ItSandbox it = ItSandbox.shared();
        String tenant = """
                  - name: %s
                    static_tokens: [{env: %s}]
                    coupa:
                      instance_url: %s
                      client_id: %s
                      client_secret: {env: COUPA_SECRET}
                      token_propagation_delay: %dms
                """;
        String acme = tenant.formatted("acme", "ACME_TOKEN", it.sandbox.baseUrl(), it.sandbox.clientId(),
                ItSandbox.TOKEN_DELAY.toMillis());
        String beta = tenant.formatted("beta", "BETA_TOKEN", it.sandbox.baseUrl(), it.sandbox.clientId(),
                ItSandbox.TOKEN_DELAY.toMillis());
        return "tenants:\n" + acme + (withBeta ? beta : "");
    }

    private int initialize(String base, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // SIGHUP
    void servesEachTenantsTokenAndReloadsOnSighup() throws Exception {
        Path file = dir.resolve("tenants.yaml");
        Files.writeString(file, tenants(false));
        Map<String, String> env = new HashMap<>();
        env.put("COUPA_SECRET", ItSandbox.shared().sandbox.clientSecret());
        env.put("ACME_TOKEN", ACME);
        env.put("BETA_TOKEN", BETA);
        env.put("COUPA_MCP_TENANTS_FILE", file.toString());
        try (ServerProcess server = ServerProcess.start(env, "http", "--port", "0")) {
            String base = server.awaitHttpBaseUrl(Duration.ofSeconds(40));
            assertThat(initialize(base, ACME)).isEqualTo(200);
            assertThat(initialize(base, BETA)).isEqualTo(401);

            // written in place, as an editor would; the watch would see it too, SIGHUP makes it immediate
            Files.writeString(file, tenants(true));
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(server.process().pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(server.awaitStderr("tenants file reloaded: added [beta]", Duration.ofSeconds(20)))
                    .as(server.stderr()).isTrue();
            assertThat(initialize(base, BETA)).isEqualTo(200);
            assertThat(initialize(base, ACME)).isEqualTo(200);
            assertThat(server.process().isAlive()).isTrue();
            assertThat(server.stderr()).doesNotContain(ACME, BETA, ItSandbox.shared().sandbox.clientSecret());
        }
    }
}
