package io.github.coupamcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.testing.PageBound;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The HTTP layer over the real generated data set (small scale): every resource, nested filters, paging. */
class GeneratedDataContractTest {
    private static Sandbox sandbox;
    private static SandboxHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.builder().tokenPropagationDelay(Duration.ZERO)
                .rateLimitEnabled(false).build());
        http = new SandboxHttp(sandbox);
        token = http.accessToken(sandbox.clientId(), sandbox.clientSecret(), null);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static JsonNode json(String pathAndQuery) {
        HttpResponse<String> response = http.get(pathAndQuery, token, "application/json");
        assertThat(response.statusCode()).as(pathAndQuery + " " + response.body()).isEqualTo(200);
        return SandboxHttp.parse(response);
    }

    @Test
    void everyResourceAnswersJsonAndCoupaXml() {
        for (SandboxCollection c : sandbox.store().collections()) {
            JsonNode page = json("/api/" + c.name());
            assertThat(page.size()).as(c.name()).isBetween(1, 50);
            long id = page.get(0).get("id").asLong();
            assertThat(json("/api/" + c.name() + "/" + id).get("id").asLong()).isEqualTo(id);
            HttpResponse<String> xml = http.get("/api/" + c.name() + "?limit=2", token, null);
            assertThat(xml.statusCode()).isEqualTo(200);
            assertThat(xml.body()).as(c.name()).contains("<" + c.xmlListRoot() + " type=\"array\">")
                    .contains("<" + c.xmlRoot() + ">");
        }
    }

    @Test
    void keysetPagingVisitsEveryInvoiceOnceInOrder() {
        List<Long> seen = new ArrayList<>();
        long after = 0;
        PageBound bound = PageBound.forRecords("invoices", sandbox.store().collection("invoices").size(), 50);
        while (true) {
            bound.count();
            JsonNode page = json("/api/invoices?order_by=id&id[gt]=" + after + "&limit=50&fields=[\"id\"]");
            page.forEach(r -> seen.add(r.get("id").asLong()));
            if (page.size() < 50) {
                break;
            }
            after = seen.get(seen.size() - 1);
        }
        assertThat(seen).hasSize(sandbox.store().collection("invoices").size()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void nestedAndCollectionFiltersOnRealRecords() {
        JsonNode first = json("/api/invoices/1");
        String supplierWord = first.get("supplier").get("name").asString().split(" ")[0];
        JsonNode bySupplier = json("/api/invoices?supplier[name][contains]=" + supplierWord.toLowerCase()
                + "&fields=[\"id\",{\"supplier\":[\"name\"]}]");
        assertThat(bySupplier).isNotEmpty();
        bySupplier.forEach(r -> assertThat(r.get("supplier").get("name").asString()).containsIgnoringCase(supplierWord));

        String code = firstAccountCode();
        JsonNode byLine = json("/api/invoices?invoice_lines[account][code]=" + code
                + "&fields=[\"id\",{\"invoice_lines\":[{\"account\":[\"code\"]}]}]");
        assertThat(byLine).isNotEmpty();
        byLine.forEach(r -> {
            List<String> codes = new ArrayList<>();
            r.get("invoice-lines").forEach(l -> codes.add(l.path("account").path("code").asString()));
            assertThat(codes).contains(code);
        });
    }

    @Test
    void decimalComparisonsAreNumeric() {
        JsonNode big = json("/api/invoices?total-with-taxes[gt]=1000&fields=[\"id\",\"total-with-taxes\"]");
        assertThat(big).isNotEmpty();
        big.forEach(r -> assertThat(new BigDecimal(r.get("total-with-taxes").asString()))
                .isGreaterThan(new BigDecimal("1000")));
        JsonNode sorted = json("/api/invoices?order_by=total_with_taxes&dir=desc&limit=10&fields=[\"total-with-taxes\"]");
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(new BigDecimal(sorted.get(i - 1).get("total-with-taxes").asString()))
                    .isGreaterThanOrEqualTo(new BigDecimal(sorted.get(i).get("total-with-taxes").asString()));
        }
    }

    private static String firstAccountCode() {
        for (JsonNode invoice : json("/api/invoices?limit=50")) {
            for (JsonNode line : invoice.path("invoice-lines")) {
                String code = line.path("account").path("code").asString();
                if (!code.isEmpty()) {
                    return code;
                }
            }
        }
        throw new AssertionError("no invoice line with an account in the first page");
    }
}
