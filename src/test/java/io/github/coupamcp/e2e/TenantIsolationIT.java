package io.github.coupamcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.sandbox.FaultRule;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import io.github.coupamcp.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged server with two tenants: one tenant's tool calls all waiting on a slow Coupa must not hold up the
 * other tenant's calls. Reactor's default cap of tool-handler threads (ten per core, shared by every tenant) once
 * let them: the other tenant's call was answered only when one of the slow calls ended.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TenantIsolationIT {
    private static final String ALPHA_TOKEN = "alpha-static-token-0123456789";
    private static final String BETA_TOKEN = "beta-static-token-0123456789";
    private static final String METRICS_TOKEN = "isolation-metrics-token-0123456789";
    private static final long SLOW_MILLIS = 10_000;
    private static final Pattern UPSTREAM = Pattern.compile(
            "coupa_mcp_upstream_requests_total\\{tenant=\"alpha\"} (\\S+)");

    @TempDir
    Path dir;

    @Test
    void aTenantWhoseCallsAllWaitOnItsCoupaDoesNotHoldUpAnotherTenantsCalls() throws Exception {
        // more slow calls than Reactor's default cap of handler threads, fewer than the HTTP server's threads
        int defaultCap = 10 * Runtime.getRuntime().availableProcessors();
        int slowCalls = defaultCap + 5;
        Assumptions.assumeTrue(slowCalls <= 150, "too many cores to exceed the default cap below the HTTP threads");
        try (Sandbox alpha = Sandbox.start(SandboxOptions.builder().port(0).scale(Scale.SMALL).seed(1)
                        .tokenPropagationDelay(Duration.ZERO).rateLimitEnabled(false).maxThreads(250)
                        .fault(new FaultRule(FaultRule.Kind.LATENCY, 0, 1.0, 0, 0, SLOW_MILLIS, "/api/")).build());
                Sandbox beta = Sandbox.start(SandboxOptions.builder().port(0).scale(Scale.SMALL).seed(2)
                        .tokenPropagationDelay(Duration.ZERO).build())) {
            Path file = dir.resolve("tenants.json");
            Files.writeString(file, """
                    {"tenants": [
                      {"name": "alpha", "static_tokens": [{"env": "ALPHA_TOKEN"}],
                       "coupa": {"instance_url": "%s", "client_id": "%s", "client_secret": {"env": "ALPHA_SECRET"},
                                 "token_propagation_delay": "0s", "rate_limit": 1000, "rate_limit_burst": 1000}},
                      {"name": "beta", "static_tokens": [{"env": "BETA_TOKEN"}],
                       "coupa": {"instance_url": "%s", "client_id": "%s", "client_secret": {"env": "BETA_SECRET"},
                                 "token_propagation_delay": "0s"}}
                    ]}
                    """.formatted(alpha.baseUrl(), alpha.clientId(), beta.baseUrl(), beta.clientId()));
            Map<String, String> env = Map.of("COUPA_MCP_TENANTS_FILE", file.toString(),
                    "COUPA_MCP_METRICS_TOKEN", METRICS_TOKEN, "ALPHA_TOKEN", ALPHA_TOKEN, "BETA_TOKEN", BETA_TOKEN,
                    "ALPHA_SECRET", alpha.clientSecret(), "BETA_SECRET", beta.clientSecret(),
                    "COUPA_MCP_ACCESS_LOG", "OFF");
            try (ServerProcess server = ServerProcess.start(env, "http", "--port", "0")) {
                RawMcp mcp = new RawMcp(server.awaitHttpBaseUrl(Duration.ofSeconds(40)), Duration.ofSeconds(60));
                Await.until("both tenants ready", Duration.ofSeconds(30),
                        () -> mcp.get("/readyz", null).statusCode() == 200);
                String betaSession = mcp.open(BETA_TOKEN).get(30, TimeUnit.SECONDS);

                AtomicInteger slowAnswered = new AtomicInteger();
                List<CompletableFuture<JsonNode>> slow = new ArrayList<>();
                for (int i = 0; i < slowCalls; i++) {
                    slow.add(mcp.open(ALPHA_TOKEN)
                            .thenCompose(session -> mcp.callTool(ALPHA_TOKEN, session, "get_invoice", "{\"id\": 3}"))
                            .whenComplete((result, failure) -> slowAnswered.incrementAndGet()));
                }
                // every handler thread Reactor allows by default is now waiting on alpha's Coupa
                Await.until(defaultCap + " of alpha's calls at its Coupa", Duration.ofSeconds(30),
                        () -> alphaUpstreamRequests(mcp) >= defaultCap);

                long start = System.nanoTime();
                JsonNode answer = mcp.callTool(BETA_TOKEN, betaSession, "get_invoice", "{\"id\": 3}")
                        .get(30, TimeUnit.SECONDS);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(slowAnswered.get()).as("alpha's calls answered before beta's (beta's took %d ms)", millis)
                        .isZero();
                assertThat(answer.path("isError").asBoolean(false)).as(answer.toString()).isFalse();
                assertThat(answer.path("structuredContent").path("item").path("invoice_number").asString())
                        .isEqualTo(beta.store().collection("invoices").render(3).path("invoice-number").asString());

                CompletableFuture.allOf(slow.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                for (CompletableFuture<JsonNode> call : slow) {
                    assertThat(call.get().path("isError").asBoolean(false)).as(call.get().toString()).isFalse();
                }
            }
        }
    }

    private static double alphaUpstreamRequests(RawMcp mcp) throws Exception {
        Matcher matcher = UPSTREAM.matcher(mcp.get("/metrics", METRICS_TOKEN).body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
