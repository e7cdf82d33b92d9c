package io.github.coupamcp.coupa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"limit", "offset", "order_by", "dir", "fields", "return_object", " "})
    void refusesFiltersThatWouldOverrideTheQuerysOwnParameters(String name) {
        assertThatThrownBy(() -> CoupaQuery.builder().filter(name, Op.EQ, "500"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitIsClampedToOneThroughFifty() {
        assertThat(CoupaQuery.builder().limit(0).build().limit()).isEqualTo(1);
        assertThat(CoupaQuery.builder().limit(51).build().limit()).isEqualTo(50);
        assertThat(CoupaQuery.builder().limit(Integer.MAX_VALUE).build().toParams())
                .filteredOn(e -> e.getKey().equals("limit")).containsExactly(Map.entry("limit", "50"));
    }

    @Test
    void parsesFieldsAndRejectsNonArrays() {
        assertThat(Fields.parse("[\"id\",{\"supplier\":[\"name\"]}]").topLevelNames()).containsExactly("id", "supplier");
        assertThatThrownBy(() -> Fields.parse("{\"id\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fields.parse("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
