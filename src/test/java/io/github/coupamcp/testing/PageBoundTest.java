package io.github.coupamcp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PageBoundTest {
    @Test
    void allowsEveryPageOfAListingPlusAnEmptyOneAndOneToSpare() {
        PageBound bound = PageBound.forRecords("invoices", 5, 2); // 3 pages, one empty, one spare
        for (int i = 0; i < 5; i++) {
            bound.count();
        }
        assertThat(bound.pages()).isEqualTo(5);
        assertThatThrownBy(bound::count).isInstanceOf(AssertionError.class)
                .hasMessage("invoices took more than 5 pages: the listing does not advance (a page repeats records"
                        + " or the keyset filter is lost)");
    }

    @Test
    void endsAPagerThatNeverRunsDry() {
        List<Integer> seen = new java.util.ArrayList<>();
        assertThatThrownBy(() -> PageBound.of("suppliers", 3)
                .forEachRemaining(Stream.iterate(1, i -> i).iterator(), seen::add))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("suppliers took more than 3 pages");
        assertThat(seen).hasSize(3);
    }
}
