package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.testing.PageBound;
import io.github.coupamcp.shape.ResponseBudget;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tool files against the real HTTP client and the in-process sandbox (an independent implementation of Coupa's
 * contract, deterministic with its default seed): every published tool answers its example calls, every filter and
 * projection is one Coupa accepts, and results honour the filters.
 */
class ToolsOnSandboxTest {
    private static final JsonSchemaValidator VALIDATOR = new DefaultJsonSchemaValidator();
    private static SandboxListing on;
    private static Sandbox sandbox;
    private static ToolCatalog catalog;

    @BeforeAll
    static void start() {
        on = new SandboxListing();
        sandbox = on.sandbox;
        catalog = on.catalog;
    }

    @AfterAll
    static void stop() {
        on.close();
    }

    private static ToolOutcome call(String tool, String args) {
        ToolOutcome out = catalog.call(tool, (ObjectNode) Json.MAPPER.readTree(args));
        assertThat(out.isError()).as(tool + " " + args + ": " + out.text()).isFalse();
        return out;
    }

    /**
     * Every published tool with each of its example calls; a tool without examples is one failing case. Write tools
     * are walked too: an example is a preview (no confirmation_token), which writes nothing.
     */
    static Stream<Arguments> examples() {
        return ToolRegistry.load(ToolHarness.allTools()).specs().stream().flatMap(spec -> spec.examples().isEmpty()
                ? Stream.of(Arguments.of(spec.name(), null))
                : spec.examples().stream().map(example -> Arguments.of(spec.name(), example)));
    }

    /**
     * The walk: each example runs through the catalog against the sandbox and answers within the contract (no error,
     * structured content the outputSchema accepts, within the response budget, a one-line summary first).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("examples")
    void everyToolAnswersItsExamplesOnTheSandbox(String tool, ObjectNode example) {
        assertThat(example).as(tool + " has no x-coupa.examples: give it at least one call (arguments object) to walk")
                .isNotNull();
        ToolDefinition definition = catalog.tools().stream().filter(t -> t.name().equals(tool)).findFirst()
                .orElseThrow();

        ToolOutcome out = call(tool, example.toString());
        if (!definition.hints().readOnly()) {
            assertThat(out.structured().get("state").asString()).as("a write example is a preview").isEqualTo("preview");
            assertThat(out.structured().get("confirmation_token").asString()).isNotBlank();
        }

        JsonSchemaValidator.ValidationResponse conforms = VALIDATOR.validate(
                Json.MAPPER.convertValue(definition.outputSchema(), Map.class),
                Json.MAPPER.convertValue(out.structured(), Map.class));
        assertThat(conforms.valid()).as(conforms.errorMessage() + "\n" + out.structured()).isTrue();
        assertThat(ResponseBudget.measure(out.structured(), out.text()))
                .isLessThanOrEqualTo(ToolSettings.DEFAULT_RESPONSE_BUDGET_CHARS);
        String summary = out.text().lines().findFirst().orElse("");
        assertThat(summary).as("one-line summary of " + out.text()).isNotBlank().isEqualTo(summary.strip());
    }

    @Test
    void filtersAreHonouredByTheServer() {
        ToolOutcome out = call("list_invoices", "{\"status\": [\"approved\"], \"total_min\": 500, \"limit\": 20}");
        for (JsonNode item : out.structured().get("items")) {
            assertThat(item.get("status").asString()).isEqualTo("approved");
            assertThat(new java.math.BigDecimal(item.get("total").asString())).isGreaterThanOrEqualTo(new java.math.BigDecimal("500"));
            assertThat(item.get("supplier").get("name").asString()).isNotBlank();
            assertThat(item.get("currency").asString()).hasSize(3);
        }
    }

    @Test
    void getsByIdAndNaturalKeyAgree() {
        JsonNode first = call("list_invoices", "{\"limit\": 1}").structured().at("/items/0");
        JsonNode byId = call("get_invoice", "{\"id\": " + first.get("id").asLong() + "}").structured().get("item");
        JsonNode byNumber = call("get_invoice", "{\"invoice_number\": \"" + first.get("invoice_number").asString()
                + "\", \"supplier_id\": " + first.at("/supplier/id").asLong() + "}").structured().get("item");
        assertThat(byId).isEqualTo(first);
        assertThat(byNumber).isEqualTo(first);

        JsonNode supplier = call("list_suppliers", "{\"limit\": 1}").structured().at("/items/0");
        assertThat(call("get_supplier", "{\"name\": \"" + supplier.get("name").asString() + "\"}").structured()
                .at("/item/id").asLong()).isEqualTo(supplier.get("id").asLong());

        JsonNode po = call("list_purchase_orders", "{\"limit\": 1}").structured().at("/items/0");
        JsonNode poFull = call("get_purchase_order", "{\"po_number\": \"" + po.get("po_number").asString()
                + "\", \"detail\": \"full\"}").structured().get("item");
        assertThat(poFull.get("total")).isEqualTo(po.get("total"));
        assertThat(poFull.get("order_lines")).isNotEmpty();
    }

    @Test
    void unknownIdIsNotFound() {
        ToolOutcome out = catalog.call("get_invoice", (ObjectNode) Json.MAPPER.readTree("{\"id\": 99999999}"));
        assertThat(out.text()).isEqualTo("No invoice with id 99999999. Use list_invoices to find ids.");
    }

    @Test
    void pagingThroughAllSuppliersVisitsEachOnce() {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        ObjectNode args = Json.object();
        args.put("limit", 50);
        PageBound pages = PageBound.forRecords("list_suppliers", sandbox.store().collection("suppliers").size(), 50);
        while (true) {
            pages.count();
            ToolOutcome out = catalog.call("list_suppliers", args);
            assertThat(out.isError()).as(out.text()).isFalse();
            out.structured().get("items").forEach(i -> assertThat(seen.add(i.get("id").asLong())).isTrue());
            if (!out.structured().has("next_cursor")) {
                break;
            }
            args = Json.object();
            args.put("cursor", out.structured().get("next_cursor").asString());
            args.put("limit", 50);
        }
        assertThat(seen).hasSize(sandbox.store().collection("suppliers").size());
        assertThat(pages.pages()).isGreaterThan(1);
    }
}
