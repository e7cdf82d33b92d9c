package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The per-PO-line rules on shapes the sandbox does not generate: amount lines, lines never received. */
class MatchRulesTest {
    private static MatchOrders.Line line(String ordered, String price, String total, String received,
            boolean receiptRequired) {
        return new MatchOrders.Line(7, "4007", "2", 3, "Acme", "EUR", ordered == null ? null : new BigDecimal(ordered),
                price == null ? null : new BigDecimal(price), new BigDecimal(total),
                received == null ? null : new BigDecimal(received), receiptRequired);
    }

    private static MatchBilling.LineBilling billed(String quantity, String amount) {
        MatchBilling.LineBilling b = new MatchBilling.LineBilling();
        b.quantity = new BigDecimal(quantity);
        b.amount = new BigDecimal(amount);
        b.addInvoice(11, "ACM-1");
        b.addInvoice(11, "ACM-1");
        b.addInvoice(12, null);
        return b;
    }

    @Test
    void anAmountLineIsOverBilledByAmountAndNeverByReceipt() {
        MatchTally over = new MatchTally(5);
        MatchTally notReceived = new MatchTally(5);
        MatchRules.check(line(null, null, "1000.00", null, true), billed("0", "1250.50"), over, notReceived);
        assertThat(over.count).isEqualTo(1);
        assertThat(notReceived.count).isZero();
        MatchTally.Finding f = over.ranked().get(0);
        assertThat(f.amount()).isEqualByComparingTo("250.50");
        assertThat(f.item().get("invoiced").asString()).isEqualTo("1250.5");
        assertThat(f.item().has("ordered")).isFalse();
        assertThat(f.item().get("invoices")).hasSize(2);
        assertThat(over.amounts).containsEntry("EUR", new BigDecimal("250.50"));
    }

    @Test
    void aLineNeverReceivedCountsAsNothingReceived() {
        MatchTally over = new MatchTally(5);
        MatchTally notReceived = new MatchTally(5);
        MatchRules.check(line("10", "2.50", "25.00", null, true), billed("4", "10.00"), over, notReceived);
        assertThat(over.count).isZero();
        assertThat(notReceived.ranked().get(0).amount()).isEqualByComparingTo("10.00");
        assertThat(notReceived.ranked().get(0).item().get("quantity").asString()).isEqualTo("4");
    }

    @Test
    void aTwoWayLineIsNeverBilledNotReceivedAndExactBillingIsNoException() {
        MatchTally over = new MatchTally(5);
        MatchTally notReceived = new MatchTally(5);
        MatchRules.check(line("10", "2.50", "25.00", "0", false), billed("10", "25.00"), over, notReceived);
        assertThat(over.count).isZero();
        assertThat(notReceived.count).isZero();
    }

    @Test
    void theTallyKeepsOnlyTheLargestButCountsAndSumsAll() {
        MatchTally t = new MatchTally(2);
        for (int i = 1; i <= 5; i++) {
            MatchRules.check(line("1", "10", "10", "1", true), billed(String.valueOf(1 + i), "0"), t,
                    new MatchTally(2));
        }
        assertThat(t.count).isEqualTo(5);
        assertThat(t.amounts).containsEntry("EUR", new BigDecimal("150.00"));
        assertThat(t.ranked()).extracting(f -> f.amount().toPlainString()).containsExactly("50.00", "40.00");
    }
}
