package io.github.coupamcp.sandbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {

    @ParameterizedTest
    @CsvSource({"0, 0.00", "5, 0.05", "50, 0.50", "1234, 12.34", "-1234, -12.34", "-5, -0.05", "100000, 1000.00"})
    void moneyHasTwoPlaces(long cents, String expected) {
        assertThat(Formats.money(cents)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.0", "3000, 3.0", "2500, 2.5", "50, 0.05", "1, 0.001", "1230, 1.23", "-2500, -2.5",
        "-7, -0.007", "13000, 13.0"})
    void quantityTrimsTrailingZerosToOnePlace(long milli, String expected) {
        assertThat(Formats.quantity(milli)).isEqualTo(expected);
    }
}
