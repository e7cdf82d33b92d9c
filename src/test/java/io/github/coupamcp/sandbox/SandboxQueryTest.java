package io.github.coupamcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.testing.PageBound;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class SandboxQueryTest extends SandboxTestBase {
    private static final String JSON = "application/json";

    private static JsonNode getJson(String pathAndQuery) {
        HttpResponse<String> response = http.get(pathAndQuery, token(), JSON);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        return SandboxHttp.parse(response);
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(r -> out.add(r.get("id").asLong()));
        return out;
    }

    private static List<Long> idsWhere(java.util.function.IntPredicate p) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i <= FakeStore.INVOICES; i++) {
            if (p.test(i)) {
                out.add((long) i);
            }
        }
        return out;
    }

    @Test
    void listIsJsonArrayOfFullRecordsWhenAcceptAsksForJson() {
        JsonNode page = getJson("/api/invoices");
        assertThat(page.isArray()).isTrue();
        assertThat(page).hasSize(50);
        JsonNode first = page.get(0);
        assertThat(first.get("id").asLong()).isEqualTo(1);
        assertThat(first.get("supplier").get("name").asString()).isEqualTo("Acme Supplies 2");
        assertThat(first.get("invoice-lines")).hasSize(2);
    }

    @Test
    void xmlIsTheDefaultWithCoupaTypesNilsAndArrays() {
        HttpResponse<String> response = http.get("/api/invoices?limit=2", token(), null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        String xml = response.body();
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<invoice-headers type=\"array\">")
                .contains("<invoice-header>")
                .contains("<id type=\"integer\">1</id>")
                .contains("<total type=\"decimal\">10.50</total>")
                .contains("<created-at type=\"dateTime\">")
                .contains("<paid type=\"boolean\">false</paid>")
                .contains("<invoice-lines type=\"array\">")
                .contains("<invoice-line>")
                .contains("<custom-fields>")
                .contains("R&amp;D &lt;lab&gt;")
                .doesNotContain("<invoice-header type");
        String seventh = http.get("/api/invoices/7", token(), "application/xml").body();
        assertThat(seventh).contains("<invoice-header>").contains("<comments nil=\"true\"/>");
    }

    @Test
    void emptyResultIsEmptyJsonArrayButXml404() {
        HttpResponse<String> json = http.get("/api/invoices?invoice-number=NOPE", token(), JSON);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body().trim()).isEqualTo("[]");
        HttpResponse<String> xml = http.get("/api/invoices?invoice-number=NOPE", token(), "application/xml");
        assertThat(xml.statusCode()).isEqualTo(404);
        assertThat(xml.body()).contains("<errors>")
                .contains("<error>No results match your search criteria.</error>");
    }

    @Test
    void limitDefaultsTo50AndIsCappedAt50() {
        assertThat(getJson("/api/invoices?limit=500")).hasSize(50);
        assertThat(getJson("/api/invoices?limit=7")).hasSize(7);
        assertThat(ids(getJson("/api/invoices?offset=100"))).isEqualTo(idsWhere(i -> i > 100));
        assertThat(ids(getJson("/api/invoices?limit=3&offset=50"))).containsExactly(51L, 52L, 53L);
    }

    @Test
    void keysetPagingWalksAscendingAndDescending() {
        assertThat(ids(getJson("/api/invoices?order_by=id&id[gt]=115&limit=50"))).containsExactly(116L, 117L, 118L,
                119L, 120L);
        assertThat(ids(getJson("/api/invoices?order_by=id&dir=desc&id[lt]=4"))).containsExactly(3L, 2L, 1L);
        assertThat(ids(getJson("/api/invoices?id[gt_or_eq]=10&id[lt_or_eq]=12"))).containsExactly(10L, 11L, 12L);
        assertThat(ids(getJson("/api/invoices?id=5"))).containsExactly(5L);
        assertThat(ids(getJson("/api/invoices?id[in]=3,9,400"))).containsExactly(3L, 9L);
        assertThat(getJson("/api/invoices?id[gt]=10&id[lt]=5")).isEmpty();
    }

    @Test
    void ordersByAnyScalarFieldTyped() {
        // totals grow with the id, so ordering by total desc is id desc (numeric, not text, comparison)
        assertThat(ids(getJson("/api/invoices?order_by=total&dir=desc&limit=3"))).containsExactly(120L, 119L, 118L);
        assertThat(ids(getJson("/api/invoices?order_by=invoice_number&limit=2"))).containsExactly(1L, 2L);
        JsonNode byDate = getJson("/api/invoices?order_by=invoice-date&limit=50");
        for (int i = 1; i < byDate.size(); i++) {
            assertThat(byDate.get(i - 1).get("invoice-date").asString())
                    .isLessThanOrEqualTo(byDate.get(i).get("invoice-date").asString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "status=approved|approved",
        "status[not_eq]=approved|not_approved",
        "status[in]=draft,voided|draft_or_voided",
        "status[not_in]=draft,voided|not_draft_or_voided",
        "total[gt]=100|total_gt_100",
        "total[gt_or_eq]=105.00|total_gt_100",
        "total[lt]=94.50|total_lt_94_50",
        "total[lt_or_eq]=94.50|total_lt_or_eq_94_50",
        "invoice-number[contains]=00|contains_00",
        "invoice_number[starts_with]=inv-01|starts_inv_01",
        "invoice-number[ends_with]=5|ends_5",
        "comments[blank]=true|comments_blank",
        "comments[blank]=false|comments_not_blank",
        "paid=true|paid",
        "invoice-date[gt_or_eq]=2024-12-01|december",
        "invoice-date[lt]=2024-02-01T00:00:00Z|january",
        "created-at[gt]=2024-12-28T18:15:00Z|created_after_dec_28_1815",
    })
    void everyOperatorFiltersTyped(String query, String expectation) {
        List<Long> expected = switch (expectation) {
            case "approved" -> idsWhere(i -> i % 4 == 2);
            case "not_approved" -> idsWhere(i -> i % 4 != 2);
            case "draft_or_voided" -> idsWhere(i -> i % 4 == 0 || i % 4 == 3);
            case "not_draft_or_voided" -> idsWhere(i -> i % 4 == 1 || i % 4 == 2);
            case "total_gt_100" -> idsWhere(i -> i >= 10);
            case "total_lt_94_50" -> idsWhere(i -> i < 9);
            case "total_lt_or_eq_94_50" -> idsWhere(i -> i <= 9);
            case "contains_00" -> idsWhere(i -> String.format("INV-%04d", i).contains("00"));
            case "starts_inv_01" -> idsWhere(i -> i >= 100 && i <= 120);
            case "ends_5" -> idsWhere(i -> i % 10 == 5);
            case "comments_blank" -> idsWhere(i -> i % 7 == 0);
            case "comments_not_blank" -> idsWhere(i -> i % 7 != 0);
            case "paid" -> idsWhere(i -> i % 3 == 0);
            case "december" -> idsWhere(i -> i % 12 == 11);
            case "january" -> idsWhere(i -> i % 12 == 0);
            // 10:15 -08:00 is 18:15Z; the 28th is the last day used, so only strictly later days match
            case "created_after_dec_28_1815" -> List.of();
            default -> throw new IllegalArgumentException(expectation);
        };
        assertThat(allIds("/api/invoices?" + query)).isEqualTo(expected);
    }

    /** Follows keyset pages to collect every matching id. */
    private static List<Long> allIds(String base) {
        List<Long> out = new ArrayList<>();
        long after = 0;
        PageBound bound = PageBound.forRecords(base, FakeStore.INVOICES, 50);
        while (true) {
            bound.count();
            List<Long> page = ids(getJson(base + "&order_by=id&id[gt]=" + after));
            out.addAll(page);
            if (page.size() < 50) {
                return out;
            }
            after = page.get(page.size() - 1);
        }
    }

    @Test
    void filtersOnNestedObjectsAndCollections() {
        assertThat(allIds("/api/invoices?supplier[name][contains]=acme")).isEqualTo(idsWhere(i -> (i % 10 + 1) % 2 == 0));
        assertThat(allIds("/api/invoices?currency[code]=EUR")).isEqualTo(idsWhere(i -> i % 3 == 1));
        assertThat(allIds("/api/invoices?invoice_lines[account][code]=6100-IT")).isEqualTo(idsWhere(i -> i % 5 == 0));
        assertThat(allIds("/api/invoices?invoice-lines[account][code][starts_with]=6100")).isEqualTo(
                idsWhere(i -> i % 5 == 0));
        assertThat(allIds("/api/invoices?custom_fields[cf-region]=EMEA&status=approved")).isEqualTo(
                idsWhere(i -> i % 2 == 0 && i % 4 == 2));
        assertThat(allIds("/api/invoices?cf_region=EMEA&status=approved")).isEqualTo(
                idsWhere(i -> i % 2 == 0 && i % 4 == 2));
        assertThat(allIds("/api/invoices?supplier[id][in]=1,2")).isEqualTo(idsWhere(i -> i % 10 <= 1));
    }

    @Test
    void fieldsProjectionKeepsOnlyWhatIsAsked() {
        JsonNode record = getJson("/api/invoices?limit=1&fields=[\"id\",\"invoice_number\",{\"supplier\":[\"name\"]},"
                + "{\"invoice_lines\":[\"line-num\",{\"account\":[\"code\"]}]},{\"custom_fields\":{}}]").get(0);
        assertThat(record.propertyNames()).containsExactly("id", "invoice-number", "supplier", "invoice-lines",
                "custom-fields");
        assertThat(record.get("supplier").propertyNames()).containsExactly("name");
        assertThat(record.get("invoice-lines").get(0).toString()).isEqualTo("{\"line-num\":1,\"account\":{\"code\":\"5000-OPS\"}}");
        assertThat(record.get("custom-fields").get("cf-erp-number").asString()).isEqualTo("ERP1");
        JsonNode show = getJson("/api/invoices/3?fields=[\"id\",\"status\",\"no_such_field\"]");
        assertThat(show.toString()).isEqualTo("{\"id\":3,\"status\":\"voided\"}");
        String xml = http.get("/api/invoices/3?fields=[\"id\",{\"currency\":[\"code\"]}]", token(), null).body();
        assertThat(xml).contains("<invoice-header>").contains("<code>USD</code>").doesNotContain("<status>");
    }

    @Test
    void returnObjectLimitedAndShallow() {
        JsonNode limited = getJson("/api/invoices?limit=2&return_object=limited");
        assertThat(limited.toString()).isEqualTo("[{\"id\":1},{\"id\":2}]");
        JsonNode shallow = getJson("/api/invoices/1?return_object=shallow");
        assertThat(shallow.get("invoice-number").asString()).isEqualTo("INV-0001");
        assertThat(shallow.get("supplier").propertyNames()).containsExactlyInAnyOrder("id", "name", "number");
        assertThat(shallow.get("invoice-lines").get(0).propertyNames()).containsExactly("id");
        assertThat(shallow.get("custom-fields").get("cf-region").asString()).isEqualTo("AMER");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/api/invoices?status[bogus]=x|status",
        "/api/invoices?limit=abc|limit",
        "/api/invoices?limit=-1|limit",
        "/api/invoices?offset=x|offset",
        "/api/invoices?fields=[\"id\"|fields",
        "/api/invoices?fields={\"id\":1}|fields",
        "/api/invoices?dir=sideways|dir",
        "/api/invoices?order_by=no_such_field|order_by",
        "/api/invoices?invoice-date[gt]=yesterday|invoice-date",
        "/api/invoices?total[gt]=lots|total",
        "/api/invoices?comments[blank]=maybe|comments",
        "/api/invoices?id[gt]=abc|id",
        "/api/invoices?return_object=none|return_object",
        "/api/invoices/abc|id",
        "/api/invoices?supplier_name=Acme|supplier_name",
    })
    void malformedParametersAreCoupaStyle400(String pathAndQuery, String key) {
        HttpResponse<String> json = http.get(pathAndQuery, token(), JSON);
        assertThat(json.statusCode()).as(json.body()).isEqualTo(400);
        JsonNode errors = SandboxHttp.parse(json).get("errors");
        assertThat(errors.has(key)).as(json.body()).isTrue();
        assertThat(errors.get(key).get(0).asString()).isNotBlank();
        HttpResponse<String> xml = http.get(pathAndQuery, token(), null);
        assertThat(xml.statusCode()).isEqualTo(400);
        assertThat(xml.body()).contains("<errors>").contains("<error>");
    }

    @Test
    void unknownRecordsResourcesAndRoutesAre404() {
        HttpResponse<String> unknownId = http.get("/api/invoices/99999", token(), JSON);
        assertThat(unknownId.statusCode()).isEqualTo(404);
        assertThat(SandboxHttp.parse(unknownId).get("errors").get("id").get(0).asString())
                .isEqualTo("Couldn't find invoice with id 99999");
        assertThat(http.get("/api/invoices/99999", token(), null).body()).contains("<errors>");
        assertThat(http.get("/api/widgets", token(), JSON).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/invoices/1/lines/2", token(), JSON).statusCode()).isEqualTo(404);
        assertThat(http.get("/somewhere", token(), JSON).statusCode()).isEqualTo(404);
    }

    @Test
    void railsFormatSuffixSelectsJson() {
        HttpResponse<String> response = http.get("/api/invoices/2.json", token(), null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SandboxHttp.parse(response).get("id").asLong()).isEqualTo(2);
    }

    @Test
    void readOnlyResourcesServeReads() {
        JsonNode currencies = getJson("/api/currencies?code[in]=EUR,GBP");
        assertThat(currencies).hasSize(2);
        HttpResponse<String> xml = http.get("/api/currencies/1", token(), null);
        assertThat(xml.body()).contains("<currency>").contains("<enabled-flag type=\"boolean\">true</enabled-flag>");
    }
}
