package io.github.coupamcp.shape;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class RecordCompactorTest {
    private static ObjectNode parse(String json) {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    @Test
    void snakeCasesKeysDropsEmptiesAndCollapsesReferences() {
        ObjectNode raw = parse("""
                {"id": 7, "invoice-number": "INV-7", "comments": null, "internal-note": "", "paid": false,
                 "tags": [], "custom-fields": {"cf-erp": null},
                 "supplier": {"id": 3, "name": "Acme", "number": "S-3", "status": "active"},
                 "currency": {"id": 1, "code": "USD", "decimals": 2},
                 "requested-by": {"id": 9, "login": "jdoe", "firstname": "Jane", "lastname": "Doe", "email": "j@x"},
                 "requisition-header": {"id": 55},
                 "purchase-order": {"id": 12, "po-number": "4012", "status": "issued"},
                 "account": {"id": 4, "code": "100-200", "name": "Office", "segment-1": "100"},
                 "primary-contact": {"email": "a@b", "name-given": "Al", "phone-work": null}}
                """);

        ObjectNode out = new RecordCompactor(CompactionRules.NONE).compact(raw);

        assertThat(out.toString()).isEqualTo("{\"id\":7,\"invoice_number\":\"INV-7\",\"paid\":false,"
                + "\"supplier\":{\"id\":3,\"name\":\"Acme\",\"number\":\"S-3\"},\"currency\":\"USD\","
                + "\"requested_by\":{\"id\":9,\"name\":\"Jane Doe\"},\"requisition_header\":{\"id\":55},"
                + "\"purchase_order\":{\"id\":12,\"number\":\"4012\"},"
                + "\"account\":{\"id\":4,\"name\":\"Office\",\"code\":\"100-200\"},"
                + "\"primary_contact\":{\"email\":\"a@b\",\"name_given\":\"Al\"}}");
    }

    @Test
    void linesAreSubRecordsWithTheirOwnReferencesCollapsed() {
        ObjectNode raw = parse("""
                {"id": 1, "invoice-lines": [
                  {"id": 11, "line-num": 1, "total": "5.00", "uom": {"id": 2, "code": "EA"}, "po-number": null},
                  {"id": 12, "line-num": 2, "total": "6.00", "uom": null}]}
                """);

        ObjectNode out = new RecordCompactor(CompactionRules.NONE).compact(raw);

        assertThat(out.get("invoice_lines").toString()).isEqualTo(
                "[{\"id\":11,\"line_num\":1,\"total\":\"5.00\",\"uom\":\"EA\"},{\"id\":12,\"line_num\":2,\"total\":\"6.00\"}]");
    }

    @Test
    void renamesAndDerivedSumsFollowTheRules() {
        CompactionRules rules = new CompactionRules(Map.of("total-with-taxes", "total"),
                List.of(new CompactionRules.DerivedSum("total", "order-lines", "total")));
        ObjectNode po = parse("{\"id\": 1, \"order-lines\": [{\"total\": \"10.50\"}, {\"total\": \"0.25\"}]}");
        ObjectNode inv = parse("{\"id\": 2, \"total-with-taxes\": \"99.90\"}");
        ObjectNode poFull = parse("{\"id\": 3, \"order-lines\": [{\"id\": 31, \"total\": \"1.00\"}]}");

        RecordCompactor compactor = new RecordCompactor(rules);

        assertThat(compactor.compact(po).toString()).isEqualTo("{\"id\":1,\"total\":\"10.75\"}");
        assertThat(compactor.compact(inv).toString()).isEqualTo("{\"id\":2,\"total\":\"99.90\"}");
        assertThat(compactor.compact(poFull).toString())
                .isEqualTo("{\"id\":3,\"order_lines\":[{\"id\":31,\"total\":\"1.00\"}],\"total\":\"1.00\"}");
    }

    @Test
    void decimalNumbersBecomeExactStrings() {
        ObjectNode raw = parse("{\"id\": 1, \"total\": 12.50, \"line-count\": 3}");
        assertThat(new RecordCompactor(CompactionRules.NONE).compact(raw).toString())
                .isEqualTo("{\"id\":1,\"total\":\"12.5\",\"line_count\":3}");
    }

    @Test
    void doesNotChangeItsInput() {
        ObjectNode raw = parse("{\"id\": 1, \"supplier\": {\"id\": 2, \"name\": \"A\", \"number\": \"n\"}}");
        String before = raw.toString();
        new RecordCompactor(CompactionRules.NONE).compact(raw);
        assertThat(raw.toString()).isEqualTo(before);
    }
}
