package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pairing alone: every pair within the window counted, only the best top kept, in the stated order. */
class DuplicatePairsTest {
    private static final DuplicateFold.Key KEY = new DuplicateFold.Key("7", "USD", new BigDecimal("100"));

    @Test
    void countsEveryPairButKeepsOnlyTheTopInRankingOrder() {
        DuplicateFold.Candidates c = new DuplicateFold.Candidates();
        // a monthly 100.00 from one supplier, and one re-keyed number
        c.add(KEY, new DuplicateFold.Sighting(1, 100, "INV-1001"));
        c.add(KEY, new DuplicateFold.Sighting(2, 110, "INV-1002"));
        c.add(KEY, new DuplicateFold.Sighting(3, 120, "INV-1003"));
        c.add(KEY, new DuplicateFold.Sighting(4, 130, "INV-1004"));
        c.add(KEY, new DuplicateFold.Sighting(5, 135, "inv 01002"));
        c.add(new DuplicateFold.Key("7", "EUR", new BigDecimal("100")), new DuplicateFold.Sighting(6, 100, "INV-1001"));

        DuplicatePairs.Found all = DuplicatePairs.find(c, 365, false, 25);
        assertThat(all.count()).isEqualTo(10); // 5 sightings: every two of them; the EUR one has no partner
        assertThat(all.records()).isEqualTo(5);

        DuplicatePairs.Found top = DuplicatePairs.find(c, 365, false, 3);
        assertThat(top.count()).isEqualTo(10);
        assertThat(top.top()).extracting(p -> List.of(p.first().id(), p.second().id()))
                .containsExactly(List.of(2L, 5L), List.of(4L, 5L), List.of(3L, 4L)); // of the 10-day ones, the most recent
        assertThat(top.top().get(0).numbers()).isEqualTo(InvoiceNumbers.Likeness.SAME);

        DuplicatePairs.Found window = DuplicatePairs.find(c, 10, false, 25);
        assertThat(window.count()).as("(1,2) (2,3) (3,4) (4,5), and (3,5) is 15 days").isEqualTo(4);
        assertThat(DuplicatePairs.find(c, 365, true, 25).count()).isEqualTo(1);
        assertThat(DuplicatePairs.find(c, 0, false, 25).count()).isZero();
    }
}
