package io.github.coupamcp.coupa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.scan.IdsFold;
import io.github.coupamcp.coupa.scan.ScanEngine;
import io.github.coupamcp.coupa.scan.ScanOptions;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Coupa allows less than configured: the sandbox admits 5 req/s (burst 2) while the client is set to Coupa's
 * documented 25. Real time (the sandbox's bucket runs on it). The adaptive limit learns the lower rate, so 20
 * concurrent list calls and a full keyset scan all succeed instead of failing on 429s.
 */
class AdaptiveRateLimitSandboxTest {
    private static final int CALLS = 20;
    private static final List<String> STATUSES = List.of("approved", "pending_approval", "voided", "paid");

    @ParameterizedTest(name = "Retry-After sent: {0}")
    @ValueSource(booleans = {true, false})
    void concurrentCallsAndAFullScanAllSucceedAtAFifthOfTheConfiguredRate(boolean retryAfter) throws Exception {
        SandboxOptions options = SandboxOptions.builder().port(0).scale(Scale.SMALL).seed(7)
                .tokenPropagationDelay(Duration.ZERO).rateLimit(5, 2).rateLimitEnabled(true).retryAfter(retryAfter)
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(CALLS + 1);
        try (Sandbox sandbox = Sandbox.start(options);
                HttpCoupaClient client = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                        .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret())
                        .scopes(Sandbox.scopesOf(sandbox.store())).tokenPropagationDelay(Duration.ZERO)
                        .retryDeadline(Duration.ofSeconds(30)).build())) {
            client.awaitToken();
            Set<Long> expected = new HashSet<>();
            for (long id : sandbox.store().collection("invoices").ids()) {
                if (STATUSES.contains(sandbox.store().collection("invoices").render(id).path("status").asString())) {
                    expected.add(id);
                }
            }
            assertThat(expected.size()).as("a few hundred records: several pages").isGreaterThan(100);

            List<Future<Integer>> lists = new ArrayList<>();
            Future<List<Long>> scan = pool.submit(() -> scan(client));
            for (int i = 0; i < CALLS; i++) {
                int offset = i;
                lists.add(pool.submit((Callable<Integer>) () -> client.list("suppliers",
                        CoupaQuery.builder().limit(1 + offset % 5).build()).size()));
            }
            for (int i = 0; i < CALLS; i++) {
                assertThat(lists.get(i).get(40, TimeUnit.SECONDS)).isEqualTo(1 + i % 5);
            }
            List<Long> scanned = scan.get(40, TimeUnit.SECONDS);
            assertThat(scanned).doesNotHaveDuplicates();
            assertThat(new HashSet<>(scanned)).isEqualTo(expected);

            ClientMetrics m = client.metrics();
            assertThat(m.failures()).isZero();
            assertThat(m.rateLimited()).as("429s seen").isPositive()
                    .isEqualTo(sandbox.control().stats().rateLimited() - sandbox.control().stats().status(429)
                            + sandbox.control().stats().status(429));
            assertThat(m.rateLimit()).as("learnt limit").isLessThan(12.5);
            assertThat(m.permitWaits()).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Long> scan(HttpCoupaClient client) {
        CoupaQuery query = CoupaQuery.builder().filter("status", Op.IN, STATUSES.toArray(String[]::new))
                .fields(Fields.of("id", "status")).build();
        // One worker, as a sequential pager: the list calls around it are what this test is about.
        return new ScanEngine(client).scan("invoices", query, new IdsFold(),
                ScanOptions.defaults().withConcurrency(1).withMaxRequests(50)).value();
    }
}
