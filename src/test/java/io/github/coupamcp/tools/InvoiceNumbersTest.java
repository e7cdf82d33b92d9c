package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvoiceNumbersTest {
    @ParameterizedTest
    @CsvSource({
        "INV-0042, inv 42, SAME",
        "RED-20001, red-020001, SAME",
        "INV-2024-001, INV/2024/1, SAME",
        "A-000, a0, SAME",
        "ACME-20012, 20012, SAME_DIGITS",
        "RED-20004, RED-20004/B, SAME_DIGITS",
        "20012, 20021, SWAPPED",
        "AB-12, BA-12, SWAPPED",
        // consecutive numbers are the normal case, not duplicates
        "INV-1001, INV-1002, DIFFERENT",
        "12, 12A, DIFFERENT",
        "X-1, Y-1, DIFFERENT",
        "---, ---, DIFFERENT"})
    void comparesByTheDocumentedRule(String a, String b, InvoiceNumbers.Likeness expected) {
        assertThat(InvoiceNumbers.compare(a, b)).isEqualTo(expected);
        assertThat(InvoiceNumbers.compare(b, a)).isEqualTo(expected);
    }
}
