package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** list_receipts against the sandbox, checked against a brute-force pass over its receiving transactions. */
class ReceiptFiltersOnSandboxTest {
    private static final String RESOURCE = "receiving_transactions";
    private static SandboxListing sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxListing();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** "What was received on PO 4012?" by PO number, and the same by the PO's id. */
    @Test
    void receiptsOfOnePurchaseOrder() {
        ObjectNode some = sandbox.records(RESOURCE).get(3);
        String po = some.path("order-line").path("order-header-number").asString();
        long poId = some.path("order-line").path("order-header-id").asLong();
        List<Long> expected = sandbox.expected(RESOURCE,
                r -> po.equals(r.path("order-line").path("order-header-number").asString()));
        assertThat(sandbox.listed("list_receipts", RESOURCE, "{\"po_number\": \"" + po + "\"}"))
                .contains(some.get("id").asLong()).containsExactlyElementsOf(expected);
        assertThat(sandbox.listed("list_receipts", RESOURCE, "{\"po_id\": " + poId + "}"))
                .containsExactlyElementsOf(expected);
        ToolOutcome page = sandbox.call("list_receipts", "{\"po_number\": \"" + po + "\"}");
        assertThat(page.structured().path("items").get(0).path("order_line").path("order_header_number").asString())
                .isEqualTo(po);
    }

    @Test
    void transactionDateRangeIsInclusive() {
        List<LocalDate> days = sandbox.records(RESOURCE).stream().map(ReceiptFiltersOnSandboxTest::day).sorted().toList();
        LocalDate from = days.get(days.size() / 3);
        LocalDate to = days.get(days.size() / 2);
        List<Long> expected = sandbox.expected(RESOURCE, r -> !day(r).isBefore(from) && !day(r).isAfter(to));
        assertThat(expected).isNotEmpty();
        assertThat(sandbox.listed("list_receipts", RESOURCE,
                "{\"transaction_date_from\": \"" + from + "\", \"transaction_date_to\": \"" + to + "\"}"))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void getReceiptWithItsPoLine() {
        ObjectNode receipt = sandbox.records(RESOURCE).get(5);
        ToolOutcome out = sandbox.call("get_receipt", "{\"id\": " + receipt.get("id").asLong() + "}");
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(out.structured().path("item").path("order_line").path("order_header_number").asString())
                .isEqualTo(receipt.path("order-line").path("order-header-number").asString());
        ToolOutcome missing = sandbox.call("get_receipt", "{\"id\": 999999}");
        assertThat(missing.isError()).isTrue();
        assertThat(missing.text()).contains("999999").contains("list_receipts");
    }

    private static LocalDate day(ObjectNode receipt) {
        return OffsetDateTime.parse(receipt.get("transaction-date").asString()).withOffsetSameInstant(ZoneOffset.UTC)
                .toLocalDate();
    }
}
