package io.github.coupamcp.coupa.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.coupa.Op;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import io.github.coupamcp.testing.PageBound;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

/** A concurrent scan against the sandbox (an independent implementation of Coupa) agrees with a plain listing. */
@Timeout(120)
class ScanEngineSandboxTest {
    private static final Fields PROJECTION = Fields.of("id", "status", "total-with-taxes",
            Fields.nested("currency", "code"));

    @Test
    void aConcurrentScansTotalsPerCurrencyEqualASequentialListings() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().port(0).scale(Scale.MEDIUM).seed(42)
                .rateLimitEnabled(false).tokenPropagationDelay(Duration.ZERO).build());
                HttpCoupaClient client = HttpCoupaClient.create(CoupaConfig.builder()
                        .instanceUrl(sandbox.baseUrl()).clientId(sandbox.clientId())
                        .clientSecret(sandbox.clientSecret()).scopes(Sandbox.scopesOf(sandbox.store()))
                        .tokenPropagationDelay(Duration.ZERO).rateLimit(1_000, 100).build())) {
            CoupaQuery query = CoupaQuery.builder().filter("status", Op.IN, "approved", "pending_approval", "voided")
                    .fields(PROJECTION).build();

            ScanResult<CurrencyTotals.Acc> scan = new ScanEngine(client).scan("invoices", query,
                    new CurrencyTotals("total-with-taxes"), ScanOptions.defaults().withConcurrency(6));
            CurrencyTotals.Acc expected = sequentialListing(client, query, sandbox.store()
                    .collection("invoices").size());

            assertThat(expected.count).isGreaterThan(1_000);
            assertThat(expected.totals).hasSizeGreaterThan(1);
            assertThat(scan.value().count).isEqualTo(expected.count);
            assertThat(scan.value().totals).isEqualTo(expected.totals);
            ScanCoverage c = scan.coverage();
            assertThat(c.records()).isEqualTo(expected.count);
            assertThat(c.fractionCovered()).isEqualTo(1.0);
            assertThat(c.upstreamRequests()).isLessThanOrEqualTo((expected.count + 49) / 50 + c.partitions() + 1);
            assertThat(sandbox.control().stats().status(400)).isZero();
        }
    }

    /** The small sandbox's 300 invoices took 52 requests (one sliver per worker) where ceil(300/50) = 6 would do. */
    @Test
    void theSmallSandboxIsScannedInAboutOneRequestPerFiftyRecords() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().port(0).seed(42).rateLimitEnabled(false)
                .tokenPropagationDelay(Duration.ZERO).build());
                HttpCoupaClient client = HttpCoupaClient.create(CoupaConfig.builder()
                        .instanceUrl(sandbox.baseUrl()).clientId(sandbox.clientId())
                        .clientSecret(sandbox.clientSecret()).scopes(Sandbox.scopesOf(sandbox.store()))
                        .tokenPropagationDelay(Duration.ZERO).rateLimit(1_000, 100).build())) {
            client.awaitToken();
            Set<Long> all = new HashSet<>(sandbox.store().collection("invoices").ids());
            sandbox.control().resetStats();

            ScanResult<List<Long>> scan = new ScanEngine(client).scan("invoices",
                    CoupaQuery.builder().fields(Fields.of("id")).build(), new IdsFold(), ScanOptions.defaults());

            assertThat(scan.value()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
            long minimum = (all.size() + 49) / 50;
            assertThat(sandbox.control().stats().resource("invoices")).as("invoice requests the sandbox answered")
                    .isEqualTo(scan.coverage().upstreamRequests())
                    .isLessThanOrEqualTo((long) (1.2 * minimum) + 2);
        }
    }

    /** The brute force: one page after the other, id[gt] the last id seen. */
    private static CurrencyTotals.Acc sequentialListing(HttpCoupaClient client, CoupaQuery query, int maxRecords) {
        CurrencyTotals fold = new CurrencyTotals("total-with-taxes");
        CurrencyTotals.Acc acc = fold.newAccumulator();
        Set<Long> seen = new HashSet<>();
        PageBound bound = PageBound.forRecords("invoices", maxRecords, 50);
        long last = 0;
        while (true) {
            bound.count();
            List<ObjectNode> page = client.list("invoices", query.toBuilder().filter("id", Op.GT, Long.toString(last))
                    .orderBy("id", CoupaQuery.Direction.ASC).build());
            for (ObjectNode r : page) {
                assertThat(seen.add(r.get("id").asLong())).isTrue();
                fold.accept(acc, r);
                last = r.get("id").asLong();
            }
            if (page.size() < 50) {
                return acc;
            }
        }
    }
}
