package io.github.coupamcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.mcp.FakeCatalog;
import io.github.coupamcp.tools.ToolDefinition;
import java.util.List;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class MainTest {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}\n";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private RuntimeException openFailure;
    private RuntimeException connectionFailure;
    private boolean lastSandboxFlag;
    private ServerConfig lastConfig;

    private final BackendFactory fake = new BackendFactory() {
        @Override
        public Backend open(ServerConfig config, boolean sandbox, Map<String, String> env) {
            if (openFailure != null) {
                throw openFailure;
            }
            opened.incrementAndGet();
            lastSandboxFlag = sandbox;
            lastConfig = config;
            return Backend.of(new FakeCatalog(), "fake", connectionFailure == null
                    ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(connectionFailure),
                    closed::incrementAndGet);
        }

        @Override
        public List<ToolDefinition> definitions(ServerConfig config) {
            lastConfig = config;
            return new FakeCatalog().tools();
        }
    };

    private int run(Map<String, String> env, InputStream in, String... args) {
        return Main.run(new CliContext(env, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), fake), args);
    }

    private int run(String... args) {
        return run(Map.of(), InputStream.nullInputStream(), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("coupa-mcp ");
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("stdio", "http", "tools", "call", "cds");
        assertThat(run("http", "--help")).isZero();
        assertThat(out()).contains("--host", "--port", "COUPA_MCP_HTTP_TOKEN");
        assertThat(opened).hasValue(0);
    }

    @Test
    void caffeinesDuplicateLoadWarningsAreDroppedButItsErrorsKept() {
        Main.quietLibraryLogging();
        var cache = java.util.logging.Logger.getLogger("com.github.benmanes.caffeine.cache.LocalAsyncCache");
        assertThat(cache.isLoggable(java.util.logging.Level.WARNING)).isFalse();
        assertThat(cache.isLoggable(java.util.logging.Level.SEVERE)).isTrue();
    }

    /** Plain "stdio" skips picocli (start-up time): settings, failures and exit codes stay those of the parsed path. */
    @Test
    void plainStdioReadsTheEnvironmentAndReportsFailuresLikeEveryCommand() {
        int code = run(Map.of("COUPA_MCP_READ_ONLY", "true", "COUPA_MCP_TOOLSETS", "all"),
                new ByteArrayInputStream(INITIALIZE.getBytes(StandardCharsets.UTF_8)), "stdio");
        assertThat(code).isZero();
        assertThat(lastConfig.readOnly()).isTrue();
        assertThat(lastConfig.toolsets()).containsExactly("all");
        assertThat(lastSandboxFlag).isFalse();
        assertThat(out()).contains("\"serverInfo\"");

        assertThat(run(Map.of("COUPA_MCP_RESPONSE_BUDGET", "x"), InputStream.nullInputStream(), "stdio")).isEqualTo(2);
        assertThat(err()).contains("configuration error", "COUPA_MCP_RESPONSE_BUDGET");
        openFailure = new CoupaException.Misconfigured("COUPA_CLIENT_SECRET is not set");
        assertThat(run("stdio")).isEqualTo(2);
        assertThat(err()).contains("configuration error: COUPA_CLIENT_SECRET is not set");
        openFailure = new IllegalStateException("boom");
        assertThat(run("stdio")).isEqualTo(1);
        assertThat(err()).doesNotContain("\tat ");
    }

    @Test
    void stdioWithOptionsIsStillParsed() {
        assertThat(run(Map.of(), new ByteArrayInputStream(INITIALIZE.getBytes(StandardCharsets.UTF_8)), "stdio",
                "--sandbox", "--read-only")).isZero();
        assertThat(lastSandboxFlag).isTrue();
        assertThat(lastConfig.readOnly()).isTrue();
        assertThat(run("stdio", "--help")).isZero();
        assertThat(out()).contains("--sandbox");
        assertThat(run("stdio", "--bogus")).isEqualTo(2);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("http", "--bogus")).isEqualTo(2);
        assertThat(err()).contains("--bogus");
    }

    @Test
    void publicBindWithoutTokenIsRefusedBeforeAnythingStarts() {
        assertThat(run("http", "--host", "0.0.0.0", "--port", "0")).isEqualTo(2);
        assertThat(err()).contains("configuration error").contains("COUPA_MCP_HTTP_TOKEN");
        assertThat(opened).hasValue(0);
    }

    @Test
    void portInUseIsExplained() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThat(run("http", "--port", String.valueOf(taken.getLocalPort()))).isEqualTo(1);
        }
        assertThat(err()).contains("--port").doesNotContain("\tat ");
        assertThat(closed).hasValue(1);
    }

    @Test
    void badEnvironmentValueIsAConfigurationError() {
        assertThat(run(Map.of("COUPA_MCP_PORT", "x"), InputStream.nullInputStream(), "http")).isEqualTo(2);
        assertThat(err()).contains("COUPA_MCP_PORT");
        assertThat(opened).hasValue(0);
    }

    @Test
    void tooSmallResponseBudgetNamesTheRealMinimum() {
        assertThat(run("call", "echo", "--response-budget", "1500")).isEqualTo(2);
        assertThat(err()).contains("at least 2000 characters, got 1500", "--response-budget");
        assertThat(opened).hasValue(0);
    }

    @Test
    void misconfiguredCoupaIsAConfigurationError() {
        openFailure = new CoupaException.Misconfigured("COUPA_CLIENT_SECRET is not set");
        assertThat(run("call", "echo")).isEqualTo(2);
        assertThat(err()).contains("configuration error: COUPA_CLIENT_SECRET is not set");
    }

    @Test
    void callFailsFastWhenCoupaIsUnreachableAndSaysWhatToCheck() {
        connectionFailure = new CoupaException.Unavailable("could not reach Coupa's token endpoint: ConnectException",
                "POST", "/oauth2/token", null, new java.net.ConnectException("refused"));
        assertThat(run("call", "echo", "{\"text\":\"hi\"}")).isEqualTo(1);
        assertThat(err()).contains("Coupa is unreachable", "COUPA_INSTANCE_URL").doesNotContain("\tat ");
        assertThat(out()).isEmpty();
        assertThat(closed).hasValue(1);
    }

    @Test
    void callFailsFastWhenCoupaRejectsTheCredentials() {
        connectionFailure = new CoupaException.AuthFailed("token request refused", "POST", "/oauth2/token", null);
        assertThat(run("call", "echo", "{\"text\":\"hi\"}")).isEqualTo(1);
        assertThat(err()).contains("COUPA_CLIENT_ID").doesNotContain("Exception");
        assertThat(out()).isEmpty();
    }

    @Test
    void stdioKeepsServingWhenCoupaRejectsTheCredentialsAndSaysSoInOneLine() {
        connectionFailure = new CoupaException.InvalidCredentials("Coupa rejected the OAuth client credentials for "
                + "client id 'x' (HTTP 401): check COUPA_CLIENT_ID and COUPA_CLIENT_SECRET", 401, List.of(), "POST",
                "/oauth2/token", null);
        int code = run(Map.of(), new ByteArrayInputStream(INITIALIZE.getBytes(StandardCharsets.UTF_8)), "stdio");

        assertThat(code).isZero();
        assertThat(out()).startsWith("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\"");
        assertThat(err().lines()).singleElement().asString()
                .startsWith("coupa-mcp: Coupa rejected").contains("COUPA_CLIENT_SECRET", "restarted");
    }

    @Test
    void stdioKeepsServingWhenCoupaIsUnreachableAndSaysCallsTryAgain() {
        connectionFailure = new CoupaException.Unavailable("could not reach Coupa's token endpoint: ConnectException",
                "POST", "/oauth2/token", null, new java.net.ConnectException("refused"));
        int code = run(Map.of(), new ByteArrayInputStream(INITIALIZE.getBytes(StandardCharsets.UTF_8)), "stdio");

        assertThat(code).isZero();
        assertThat(out()).startsWith("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\"");
        assertThat(err().lines()).singleElement().asString()
                .contains("Coupa is unreachable", "COUPA_INSTANCE_URL", "tries again").doesNotContain("start again");
    }

    @Test
    void toolsPrintsTheCatalogue() {
        assertThat(run("tools", "--sandbox")).isZero();
        assertThat(out()).contains("NAME", "echo", "Echo", "read-only, idempotent", "boom", "writes, destructive");
        assertThat(opened).hasValue(0);
    }

    @Test
    void toolFilterFlagsOverrideTheEnvironment() {
        assertThat(run(Map.of("COUPA_MCP_TOOLS", "list_contracts", "COUPA_MCP_EXCLUDE_TOOLS", "get_invoice"),
                InputStream.nullInputStream(), "tools", "--tools", "list_invoices,get_supplier", "--read-only",
                "--dynamic-toolsets")).isZero();
        assertThat(lastConfig.tools()).containsExactly("list_invoices", "get_supplier");
        assertThat(lastConfig.excludedTools()).containsExactly("get_invoice");
        assertThat(lastConfig.readOnly()).isTrue();
        assertThat(lastConfig.dynamicToolsets()).isTrue();
        assertThat(run("tools", "--exclude-tools", "echo")).isZero();
        assertThat(lastConfig.excludedTools()).containsExactly("echo");
        assertThat(lastConfig.dynamicToolsets()).isFalse();
    }

    @Test
    void callPrintsTheResultAsJson() {
        assertThat(run("call", "echo", "{\"text\":\"hi\"}", "--sandbox")).isZero();
        assertThat(lastSandboxFlag).isTrue();
        assertThat(out()).contains("\"isError\" : false", "\"echoed\" : \"hi\"");
        assertThat(closed).hasValue(1);
    }

    @Test
    void writesAreEnabledByFlagOrEnvironmentOnly() {
        assertThat(run("call", "echo", "{\"text\":\"hi\"}")).isZero();
        assertThat(lastConfig.enableWrites()).isFalse();
        assertThat(run("call", "echo", "{\"text\":\"hi\"}", "--enable-writes")).isZero();
        assertThat(lastConfig.enableWrites()).isTrue();
        assertThat(run(Map.of("COUPA_MCP_ENABLE_WRITES", "true"), InputStream.nullInputStream(), "call", "echo",
                "{\"text\":\"hi\"}")).isZero();
        assertThat(lastConfig.enableWrites()).isTrue();
    }

    @Test
    void callOfAFailingToolExitsNonZero() {
        assertThat(run("call", "fail")).isEqualTo(1);
        assertThat(out()).contains("\"isError\" : true", "not found");
    }

    @Test
    void callWithMalformedArgumentsIsAUsageError() {
        assertThat(run("call", "echo", "{nope")).isEqualTo(2);
        assertThat(err()).contains("not valid JSON");
        assertThat(run("call", "echo", "[1]")).isEqualTo(2);
        assertThat(err()).contains("must be a JSON object");
        assertThat(opened).hasValue(0);
    }

    @Test
    void stdioServesUntilEndOfInput() {
        int code = run(Map.of(), new ByteArrayInputStream(INITIALIZE.getBytes(StandardCharsets.UTF_8)), "stdio");

        assertThat(code).isZero();
        assertThat(closed).hasValue(1);
        // Only protocol on stdout, and the request written just before EOF is answered.
        assertThat(out().split("\n")).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\""));
    }
}
