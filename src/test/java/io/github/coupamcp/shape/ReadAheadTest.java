package io.github.coupamcp.shape;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ReadAheadTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));
    private final ReadAhead readAhead = new ReadAhead(Duration.ofSeconds(60), 10_000, clock);

    private static ReadAhead.Key key(String digest, long afterId) {
        return new ReadAhead.Key("list_invoices", digest, "[\"id\"]", afterId);
    }

    private static List<ObjectNode> records(long from, long to) {
        List<ObjectNode> list = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            list.add(Json.object().put("id", id).put("status", "approved"));
        }
        return list;
    }

    @Test
    void keptRecordsAreServedOnceForExactlyTheirListingAndPosition() {
        readAhead.keep(key("d1", 18), records(19, 50), true);

        assertThat(readAhead.take(key("d2", 18))).as("another listing").isEmpty();
        assertThat(readAhead.take(key("d1", 17))).as("another position").isEmpty();
        ReadAhead.Rest rest = readAhead.take(key("d1", 18)).orElseThrow();
        assertThat(rest.records()).hasSize(32);
        assertThat(rest.moreUpstream()).isTrue();
        assertThat(readAhead.take(key("d1", 18))).as("taken once").isEmpty();
    }

    @Test
    void onlyRecordsStrictlyAfterThePositionAreServed() {
        readAhead.keep(key("d1", 18), records(17, 25), false);
        assertThat(readAhead.take(key("d1", 18)).orElseThrow().records())
                .extracting(r -> r.get("id").asLong()).containsExactly(19L, 20L, 21L, 22L, 23L, 24L, 25L);
    }

    /**
     * In another order the position is more than an id: the same id at another sort position is another key, and
     * the records (not in ascending id order) are served as kept, with the flag saying whether the last one ends its
     * value's run.
     */
    @Test
    void aSortedPositionKeysAndServesItsRecordsAsKept() {
        List<ObjectNode> descending = new ArrayList<>(records(1, 5));
        java.util.Collections.reverse(descending);
        ReadAhead.Key within = new ReadAhead.Key("list_invoices", "d1", "[\"id\"]", 9, "within 2025-03-01");
        readAhead.keep(within, descending, true, false);

        assertThat(readAhead.take(new ReadAhead.Key("list_invoices", "d1", "[\"id\"]", 9, "after 2025-03-01")))
                .as("same id, another sort position").isEmpty();
        assertThat(readAhead.take(key("d1", 9))).as("same id in id order").isEmpty();
        ReadAhead.Rest rest = readAhead.take(within).orElseThrow();
        assertThat(rest.records()).extracting(r -> r.get("id").asLong()).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(rest.lastRunComplete()).isFalse();
    }

    @Test
    void recordsExpireAfterTheTtl() {
        readAhead.keep(key("d1", 18), records(19, 20), true);
        clock.advance(Duration.ofSeconds(61));
        assertThat(readAhead.take(key("d1", 18))).isEmpty();
    }

    @Test
    void memoryIsBoundedByCharacters() {
        for (long page = 0; page < 100; page++) {
            readAhead.keep(key("d" + page, page * 50), records(page * 50 + 1, page * 50 + 50), true);
        }
        long kept = 0;
        long chars = 0;
        for (long page = 0; page < 100; page++) {
            var rest = readAhead.take(key("d" + page, page * 50));
            if (rest.isPresent()) {
                kept++;
                chars += rest.get().records().stream().mapToInt(r -> r.toString().length()).sum();
            }
        }
        assertThat(kept).isBetween(1L, 99L);
        assertThat(chars).isLessThanOrEqualTo(10_000);
    }

    @Test
    void clearForgetsEverything() {
        readAhead.keep(key("d1", 18), records(19, 20), true);
        readAhead.clear();
        assertThat(readAhead.take(key("d1", 18))).isEmpty();
    }
}
