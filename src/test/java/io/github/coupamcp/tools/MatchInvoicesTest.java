package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.testing.ListingOnlyClient;
import io.github.coupamcp.coupa.scan.ScanIncompleteException;
import io.github.coupamcp.coupa.scan.ScanOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The invoice step on its own: every batch under one budget, refused rather than cut short, failures as they are. */
class MatchInvoicesTest {
    /** Answers every list request with {@code answer}, counting them. */
    private static final class Stub extends ListingOnlyClient {
        final AtomicInteger lists = new AtomicInteger();
        final Function<CoupaQuery, List<ObjectNode>> answer;

        Stub(Function<CoupaQuery, List<ObjectNode>> answer) {
            this.answer = answer;
        }

        @Override
        public List<ObjectNode> list(String resource, CoupaQuery query) {
            lists.incrementAndGet();
            return answer.apply(query);
        }
    }

    private static List<List<String>> batches(int n) {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> batch = new ArrayList<>();
            for (int k = 0; k < MatchInvoices.BATCH; k++) {
                batch.add(String.valueOf(10_000 + i * MatchInvoices.BATCH + k));
            }
            batches.add(batch);
        }
        return batches;
    }

    @Test
    void eachBatchWithoutInvoicesCostsOneRequest() {
        Stub stub = new Stub(q -> List.of());
        MatchInvoices step = new MatchInvoices(stub, ScanOptions.defaults(), 10, Duration.ofSeconds(30));
        List<Integer> progress = new ArrayList<>();
        MatchInvoices.Checked checked = step.check(batches(4), new MatchOrders.Orders(), BigDecimal.ZERO,
                progress::add);
        assertThat(stub.lists.get()).isEqualTo(4);
        assertThat(step.requests()).isEqualTo(4);
        assertThat(checked.invoices).isEmpty();
        assertThat(progress).isSorted().allMatch(n -> n <= 200);
        assertThat(MatchInvoices.query(batches(1).get(0)).toParams().toString())
                .contains("invoice-lines[po-number][in]=10000,10001").contains("status[not_in]=voided,abandoned");
    }

    @Test
    void aBudgetSpentMidWayStopsTheStepAndSaysHowFarItGot() {
        Stub stub = new Stub(q -> List.of());
        MatchInvoices step = new MatchInvoices(stub, ScanOptions.defaults().withConcurrency(1), 2,
                Duration.ofSeconds(30));
        assertThatThrownBy(() -> step.check(batches(3), new MatchOrders.Orders(), BigDecimal.ZERO, n -> { }))
                .isInstanceOfSatisfying(MatchInvoices.Stopped.class, e -> {
                    assertThat(e.reason).isEqualTo(ScanIncompleteException.Reason.REQUEST_BUDGET);
                    assertThat(e.ordersChecked).isEqualTo(2 * MatchInvoices.BATCH);
                    assertThat(e.requests).isEqualTo(2);
                });
        assertThat(stub.lists.get()).as("no request beyond the budget").isEqualTo(2);
    }

    @Test
    void aCoupaFailureIsRethrownAsIs() {
        CoupaException refused = new CoupaException.Forbidden("no", "core.invoice.read", "GET", "/api/invoices",
                null);
        Stub stub = new Stub(q -> {
            throw refused;
        });
        MatchInvoices step = new MatchInvoices(stub, ScanOptions.defaults(), 10, Duration.ofSeconds(30));
        assertThatThrownBy(() -> step.check(batches(3), new MatchOrders.Orders(), BigDecimal.ZERO, n -> { }))
                .isSameAs(refused);
    }
}
