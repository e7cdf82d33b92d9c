package io.github.coupamcp.coupa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CoupaQueryTest {
    @Test
    void rendersFiltersOrderFieldsAndCapsLimit() {
        CoupaQuery q = CoupaQuery.builder()
                .filter("status", Op.IN, "approved", "voided")
                .filter("supplier[name]", Op.CONTAINS, "Acme")
                .eq("currency[code]", "EUR")
                .orderBy("id", CoupaQuery.Direction.DESC)
                .fields(Fields.of("id", Fields.nested("supplier", "id", "name"), Fields.customFields()))
                .limit(500)
                .build();
        assertThat(q.toParams()).containsExactly(
                Map.entry("status[in]", "approved,voided"),
                Map.entry("supplier[name][contains]", "Acme"),
                Map.entry("currency[code]", "EUR"),
                Map.entry("order_by", "id"),
                Map.entry("dir", "desc"),
                Map.entry("fields", "[\"id\",{\"supplier\":[\"id\",\"name\"]},{\"custom_fields\":{}}]"),
                Map.entry("limit", "50"));
    }

    @Test
    void rejectsSeveralValuesForSingleValueOperators() {
        assertThatThrownBy(() -> CoupaQuery.builder().filter("status", Op.EQ, "a", "b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesFieldsAndRejectsNonArrays() {
        assertThat(Fields.parse("[\"id\",{\"supplier\":[\"name\"]}]").topLevelNames()).containsExactly("id", "supplier");
        assertThatThrownBy(() -> Fields.parse("{\"id\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fields.parse("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
