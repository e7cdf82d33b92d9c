package io.github.coupamcp.sandbox.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The engine renders only what it needs: filter fields for candidates, shape fields for the page. */
class RecordQueryTest {
    private final List<Set<String>> asked = new ArrayList<>();
    private final List<Long> rendered = new ArrayList<>();
    private final NavigableSet<Long> ids = new ConcurrentSkipListSet<>();

    private final RecordSource source = (id, fields) -> {
        asked.add(fields);
        rendered.add(id);
        ObjectNode r = Json.object();
        r.put("id", id);
        r.put("status", id % 2 == 0 ? "approved" : "draft");
        r.put("total", String.valueOf(1000 - id) + ".00");
        r.putObject("supplier").put("name", "S" + id);
        if (fields != null) {
            r.retain(fields);
        }
        return r;
    };

    RecordQueryTest() {
        for (long i = 1; i <= 1000; i++) {
            ids.add(i);
        }
    }

    private static Map<String, List<String>> params(String... pairs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return out;
    }

    private static ObjectNode sample() {
        return (ObjectNode) Json.MAPPER.readTree("{\"id\":1,\"status\":\"draft\",\"total\":\"1.00\",\"supplier\":{\"name\":\"S\"}}");
    }

    @Test
    void keysetPageWithoutFiltersRendersOnlyThePage() {
        RecordQuery q = RecordQuery.parse(params("order_by", "id", "id[gt]", "900", "limit", "50", "fields", "[\"id\"]"),
                RecordQueryTest::sample);
        List<ObjectNode> page = q.run(ids, source);
        assertThat(page).hasSize(50);
        assertThat(page.get(0).get("id").asLong()).isEqualTo(901);
        assertThat(rendered).hasSize(50).allMatch(id -> id > 900 && id <= 950);
        assertThat(asked).allMatch(f -> f.equals(Set.of("id")));
    }

    @Test
    void filterCandidatesGetOnlyTheFilteredFields() {
        RecordQuery q = RecordQuery.parse(params("status", "approved", "limit", "3"), RecordQueryTest::sample);
        List<ObjectNode> page = q.run(ids, source);
        assertThat(page).extracting(r -> r.get("id").asLong()).containsExactly(2L, 4L, 6L);
        assertThat(asked.subList(0, 6)).allMatch(f -> f.equals(Set.of("status")));
        assertThat(asked.subList(6, 9)).containsOnlyNulls(); // the page itself is full: no projection
    }

    @Test
    void orderingByAFieldReadsThatFieldOnly() {
        RecordQuery q = RecordQuery.parse(params("order_by", "total", "limit", "2", "return_object", "limited"),
                RecordQueryTest::sample);
        List<ObjectNode> page = q.run(ids, source);
        assertThat(page).extracting(r -> r.get("id").asLong()).containsExactly(1000L, 999L);
        assertThat(asked.subList(0, 1000)).allMatch(f -> f.equals(Set.of("total")));
        assertThat(asked.subList(1000, 1002)).allMatch(f -> f.equals(Set.of("id")));
    }

    @Test
    void nestedFilterAsksForItsTopLevelAssociationInEverySpelling() {
        RecordQuery q = RecordQuery.parse(params("supplier[name]", "S7", "fields", "[{\"supplier\":[\"name\"]}]"),
                RecordQueryTest::sample);
        assertThat(q.run(ids, source)).hasSize(1);
        assertThat(asked.get(0)).containsExactlyInAnyOrder("supplier");
        RecordQuery underscored = RecordQuery.parse(params("created_at[gt]", "2024-01-01"), () -> null);
        asked.clear();
        underscored.run(ids, source);
        assertThat(asked.get(0)).containsExactlyInAnyOrder("created_at", "created-at");
    }

    /** A record with a nested object, a collection of two line shapes, an empty collection and a null association. */
    private static ObjectNode nestedSample() {
        ObjectNode r = Json.object();
        r.put("id", 1);
        r.putObject("supplier").put("name", "S").putObject("primary-contact").put("email", "a@b.c");
        var lines = r.putArray("invoice-lines");
        lines.addObject().put("id", 1).putObject("account").put("code", "6100");
        lines.addObject().put("id", 2).put("po-number", "4001");
        r.putArray("approvals");
        r.putNull("contract");
        return r;
    }

    @Test
    void unknownNestedNamesAre400ButUnknowableOnesPass() {
        for (String known : List.of("supplier[name][contains]", "supplier[primary_contact][email]",
                "invoice_lines[account][code]", "invoice-lines[po_number][blank]", "approvals[status]",
                "contract[name]", "supplier[primary-contact][blank]")) {
            assertThat(RecordQuery.filter(known, "true", RecordQueryTest::nestedSample, Set.of())).as(known)
                    .isNotNull();
        }
        for (String unknown : List.of("supplier[nmae]", "supplier[primary-contact][mail]",
                "invoice-lines[account][cdoe]", "invoice_lines[nothing][contains]")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordQuery.filter(unknown, "x",
                            RecordQueryTest::nestedSample, Set.of()))
                    .as(unknown).isInstanceOf(BadQueryException.class).hasMessageContaining("Unknown field");
        }
    }
}
