package io.github.coupamcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The http command refuses a tenants file it cannot serve before it binds anything, naming what to change. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TenantsCommandTest {
    private static final String TENANT = """
            {"tenants": [{"name": "acme", %s
              "coupa": {"instance_url": "https://acme.coupahost.com", "client_id": "acme",
                        "client_secret": {"env": "ACME_SECRET"}}}]}
            """;

    @TempDir
    Path dir;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int http(Map<String, String> env, String tenants) throws Exception {
        Path file = dir.resolve("tenants.json");
        Files.writeString(file, tenants);
        java.util.HashMap<String, String> all = new java.util.HashMap<>(env);
        all.put("ACME_SECRET", "s3cret-value");
        all.put("ACME_TOKEN", "acme-token-0123456789");
        all.put("COUPA_MCP_TENANTS_FILE", file.toString());
        return Main.run(new CliContext(all, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Backends.factory()), "http", "--port", "0");
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void principalsWithoutOAuthAreRefused() throws Exception {
        assertThat(http(Map.of(), TENANT.formatted("\"principals\": [\"alice\"],"))).isEqualTo(Main.EXIT_USAGE);
        assertThat(err()).contains("tenant acme names principals").contains("COUPA_MCP_AUTH_ISSUER")
                .doesNotContain("s3cret-value");
    }

    @Test
    void aServerWideStaticTokenIsRefusedBesideATenantsFile() throws Exception {
        assertThat(http(Map.of("COUPA_MCP_HTTP_TOKEN", "server-token-0123456789"),
                TENANT.formatted("\"static_tokens\": [{\"env\": \"ACME_TOKEN\"}],"))).isEqualTo(Main.EXIT_USAGE);
        assertThat(err()).contains("COUPA_MCP_HTTP_TOKEN names no tenant").doesNotContain("server-token-0123456789");
    }

    @Test
    void anInvalidEntryIsNamed() throws Exception {
        assertThat(http(Map.of(), TENANT.formatted("\"static_tokens\": [\"acme-token-in-clear\"],")))
                .isEqualTo(Main.EXIT_USAGE);
        assertThat(err()).contains("acme").contains("static_tokens").doesNotContain("acme-token-in-clear");
    }
}
