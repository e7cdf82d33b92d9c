package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.PageBound;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * coupa_query against the sandbox: Coupa's own filters select exactly what a brute-force pass over the sandbox's
 * records selects, paging is the list tools' (cursor pinned to the resource and filters), and every bad filter, an
 * unlisted resource or an injection attempt is refused or read as plain data before anything reaches Coupa.
 */
class CoupaQueryOnSandboxTest {
    private static SandboxListing on;

    @BeforeAll
    static void start() {
        on = new SandboxListing();
    }

    @AfterAll
    static void stop() {
        on.close();
    }

    private static ObjectNode args(String resource, int limit, String... filters) {
        ObjectNode args = Json.object().put("resource", resource).put("limit", limit);
        if (filters.length > 0) {
            ArrayNode f = args.putArray("filters");
            for (String filter : filters) {
                f.add(filter);
            }
        }
        return args;
    }

    /** Every id the query returns, paged to the end with the same arguments and each page's cursor. */
    private static List<Long> listed(ObjectNode first, String resource) {
        List<Long> ids = new ArrayList<>();
        ObjectNode args = first.deepCopy();
        // pages may hold fewer than limit (the response budget): bound by one record per page
        PageBound bound = PageBound.forRecords("coupa_query " + first, on.sandbox.store().collection(resource).size(), 1);
        while (true) {
            bound.count();
            ToolOutcome page = on.catalog.call("coupa_query", args);
            assertThat(page.isError()).as(page.text()).isFalse();
            page.structured().get("items").forEach(i -> ids.add(i.get("id").asLong()));
            if (!page.structured().has("next_cursor")) {
                return ids;
            }
            args = first.deepCopy().put("cursor", page.structured().get("next_cursor").asString());
        }
    }

    private static String error(ObjectNode args) {
        ToolOutcome out = on.catalog.call("coupa_query", args);
        assertThat(out.isError()).as(out.text()).isTrue();
        return out.text();
    }

    @Test
    void aLongTailFilterSelectsExactlyTheMatchingRecords() {
        List<Long> credits = on.expected("invoices", r -> r.path("is-credit-note").asBoolean());
        assertThat(credits).isNotEmpty();
        assertThat(listed(args("invoices", 50, "document-type=Credit Note"), "invoices"))
                .containsExactlyElementsOf(credits);
    }

    @Test
    void operatorsAndAssociationAttributesCombineWithAnd() {
        List<Long> expected = on.expected("invoices", r -> new BigDecimal(r.path("total-with-taxes").asString("0"))
                .compareTo(new BigDecimal("1000")) >= 0 && "USD".equals(r.path("currency").path("code").asString()));
        assertThat(expected).isNotEmpty();
        assertThat(listed(args("invoices", 50, "total-with-taxes[gt_or_eq]=1000", "currency[code]=USD"), "invoices"))
                .containsExactlyElementsOf(expected);
        List<Long> usdOrEur = on.expected("invoices", r -> Set.of("USD", "EUR")
                .contains(r.path("currency").path("code").asString()));
        assertThat(listed(args("invoices", 50, "currency[code][in]=USD,EUR"), "invoices"))
                .containsExactlyElementsOf(usdOrEur);
    }

    @Test
    void aLongTailResourcePagesInSmallPagesEachRecordOnceInBothDirections() {
        List<Long> all = on.expected("commodities", r -> true);
        assertThat(all).hasSizeGreaterThan(3);
        assertThat(listed(args("commodities", 3), "commodities")).containsExactlyElementsOf(all);
        ObjectNode newestFirst = args("commodities", 3).put("dir", "desc");
        List<Long> reversed = new ArrayList<>(all);
        Collections.reverse(reversed);
        assertThat(listed(newestFirst, "commodities")).containsExactlyElementsOf(reversed);
    }

    @Test
    void theCursorIsPinnedToTheResourceAndTheFilters() {
        ToolOutcome first = on.catalog.call("coupa_query", args("commodities", 2));
        String cursor = first.structured().get("next_cursor").asString();

        assertThat(error(args("departments", 2).put("cursor", cursor))).contains("different listing");
        assertThat(error(args("commodities", 2, "active=true").put("cursor", cursor))).contains("different listing");
    }

    @Test
    void fieldsWidenTheDefaultProjectionWithTheResourcesDocumentedNames() {
        ToolOutcome out = on.catalog.call("coupa_query", args("invoices", 2).set("fields",
                Json.array().add("payment-term.code")));
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(out.structured().get("items").get(0).has("payment_term")).as(out.structured().toString()).isTrue();
        assertThat(error(args("invoices", 2).set("fields", Json.array().add("paymnt-term"))))
                .contains("'paymnt-term' is not a field of invoices", "payment_term");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            budget_lines | status=active                     | resource 'budget_lines' is not one of invoices, suppliers
            invoices     | totl-with-taxes[gt]=1             | filters: 'totl-with-taxes' is not a field of invoices (closest: total-with-taxes
            invoices     | total-with-taxes[greater]=5       | has an unknown operator 'greater' (known: gt, lt, gt_or_eq
            invoices     | supplier[nme][contains]=a         | filters: 'supplier[nme]' is not a field of supplier (closest: supplier[name])
            invoices     | supplir[name]=a                   | 'supplir[name]' does not start with an association of invoices (closest: supplier[name]
            invoices     | status approved                   | is not attribute=value, attribute[op]=value or association[attribute][op]=value
            invoices     | supplier=5                        | names a whole association: name one of its attributes, e.g. supplier[id]
            invoices     | id[gt]=5                          | ranges of id are how the listing pages
            invoices     | limit=1000                        | filters: 'limit' is not a field of invoices
            invoices     | fields=["id"]                     | filters: 'fields' is not a field of invoices
            invoices     | status=                           | has no value (records without one: status[blank]=true)
            invoices     | status[in]=,                      | lists no value: give them comma-separated, e.g. status[in]=a,b
            invoices     | net-due-date[blank]=maybe         | blank takes true (no value) or false (has one)
            invoices     | a[b][c][d]=1                      | is not attribute=value
            invoices     | status]&limit=1000[=x             | is not attribute=value
            suppliers    | cxml-http-password[starts_with]=a | filters: 'cxml-http-password' is not a field of suppliers
            users        | password=x                        | filters: 'password' is not a field of users
            """)
    void aBadQueryIsRefusedBeforeAnythingReachesCoupa(String resource, String filter, String expected) {
        assertThat(error(args(resource, 5, filter))).startsWith("Invalid arguments for coupa_query: ")
                .contains(expected).doesNotContain("Exception");
    }

    @Test
    void blankFindsRecordsWithoutAValue() {
        List<Long> neverSubmitted = on.expected("requisitions", r -> r.path("submitted-at").isNull()
                || r.path("submitted-at").isMissingNode());
        assertThat(neverSubmitted).isNotEmpty();
        assertThat(listed(args("requisitions", 50, "submitted-at[blank]=true"), "requisitions"))
                .containsExactlyElementsOf(neverSubmitted);
    }

    @Test
    void controlCharactersInAValueAreRefused() {
        assertThat(error(args("invoices", 5, "status=approved\r\nX-Injected: 1"))).contains("control characters");
    }

    /** A value is data: separators and quotes inside it stay in the one parameter value, matching nothing. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            status=approved&limit=1000
            status=approved%26limit%3D1000
            supplier[name][contains]=x' OR '1'='1
            supplier[name]=a&fields=["id"]
            invoice-number=INV-1;DROP TABLE invoices
            """)
    void injectionAttemptsInValuesAreReadAsPlainValues(String filter) {
        ToolOutcome out = on.catalog.call("coupa_query", args("invoices", 50, filter));
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(out.structured().get("items")).isEmpty();
        assertThat(out.text()).startsWith("No invoices match these filters.");
    }

    @Test
    void aResourceWhoseScopeWasNotGrantedNamesTheScope() {
        Set<String> scopes = new TreeSet<>(ToolRegistry.load(ToolHarness.allToolsets()).requiredScopes());
        scopes.remove("core.common.read");
        try (CoupaClient client = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(on.sandbox.baseUrl())
                .clientId(on.sandbox.clientId()).clientSecret(on.sandbox.clientSecret()).scopes(scopes)
                .tokenPropagationDelay(Duration.ZERO).build())) {
            ToolCatalog catalog = ToolRegistry.load(ToolHarness.allToolsets()).catalog(client);
            ToolOutcome out = catalog.call("coupa_query", args("departments", 5));
            assertThat(out.isError()).isTrue();
            assertThat(out.text()).contains("not allowed to read departments", "core.common.read");
            assertThat(catalog.call("coupa_query", args("invoices", 1)).isError()).isFalse();
        }
    }

    @Test
    void theQueryToolNeedsEveryScopeOfItsResourcesOnlyWhenEnabled() {
        assertThat(ToolRegistry.load(ToolSettings.builder().enabledToolsets(Set.of("query")).build())
                .requiredScopes()).contains("core.common.read", "core.invoice.read", "core.accounting.read");
        assertThat(ToolRegistry.load(ToolSettings.defaults()).requiredScopes()).doesNotContain("core.common.read");
    }
}
