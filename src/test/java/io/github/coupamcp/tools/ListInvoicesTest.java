package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.schema.DirectorySchemaSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ListInvoicesTest {
    private ToolHarness h;

    @BeforeEach
    void setUp() {
        h = new ToolHarness();
        h.coupa.add("invoices", Records.invoice(1, "INV-1", "approved", 10, "Acme Corp", "100.00", "USD", "2025-01-05"));
        h.coupa.add("invoices", Records.invoice(2, "INV-2", "pending_approval", 11, "Beta LLC", "50.50", "EUR", "2025-01-10"));
        ObjectNode paid = Records.invoice(3, "INV-3", "approved", 10, "Acme Corp", "20.25", "USD", "2025-02-01");
        paid.put("amount-due", "0.00");
        h.coupa.add("invoices", paid);
    }

    @Test
    void firstPageIsOrderedByIdWithTheCompactProjection() {
        ToolOutcome out = h.call("list_invoices", "{}");

        assertThat(out.isError()).as(out.text()).isFalse();
        List<Map.Entry<String, String>> params = h.coupa.lastParams();
        assertThat(params).contains(Map.entry("order_by", "id"), Map.entry("dir", "asc"),
                Map.entry("limit", "50"));
        assertThat(params).extracting(Map.Entry::getKey).doesNotContain("id[gt]", "offset");
        assertThat(h.coupa.lastCall().fields().toParam()).startsWith("[\"id\",\"invoice-number\",\"status\"");
        assertThat(out.structured().get("items")).hasSize(3);
        assertThat(out.structured().at("/summary/count").asInt()).isEqualTo(3);
        assertThat(out.structured().at("/summary/has_more").asBoolean()).isFalse();
        assertThat(out.structured().has("next_cursor")).isFalse();
    }

    @Test
    void recordsAreCompactSnakeCaseWithCollapsedReferences() {
        ObjectNode first = (ObjectNode) h.call("list_invoices", "{}").structured().get("items").get(0);

        assertThat(first.toString()).isEqualTo("{\"id\":1,\"invoice_number\":\"INV-1\",\"status\":\"approved\","
                + "\"invoice_date\":\"2025-01-05\",\"net_due_date\":\"2025-01-05\",\"total\":\"100.00\","
                + "\"amount_due\":\"100.00\",\"paid\":false,\"currency\":\"USD\","
                + "\"supplier\":{\"id\":10,\"name\":\"Acme Corp\"},\"updated_at\":\"2025-01-05T12:00:00-08:00\"}");
    }

    @Test
    void pageTotalsArePerCurrencyAndTextSummarisesThem() {
        ToolOutcome out = h.call("list_invoices", "{}");

        assertThat(out.structured().at("/summary/totals").toString()).isEqualTo("{\"EUR\":\"50.50\",\"USD\":\"120.25\"}");
        assertThat(out.structured().at("/summary/amount_due").toString())
                .isEqualTo("{\"EUR\":\"50.50\",\"USD\":\"100.00\"}");
        assertThat(out.text()).startsWith("3 invoices (total 50.50 EUR, 120.25 USD; due 50.50 EUR, 100.00 USD)."
                + " That is all.");
        assertThat(out.text()).contains("#1 INV-1 · approved · Acme Corp · 100.00 USD · 2025-01-05");
    }

    @Test
    void aPageThatIsNotTheWholeListingSaysItsTotalsCoverThisPageOnly() {
        ToolOutcome first = h.call("list_invoices", "{\"limit\": 2}");
        assertThat(first.text()).startsWith("2 invoices on this page (totals of this page only, not of all matches: "
                + "50.50 EUR, 100.00 USD; due 50.50 EUR, 100.00 USD; for all matches call summarize_invoices with the "
                + "same filters). More: call list_invoices again");

        ObjectNode next = Json.object().put("cursor", first.structured().get("next_cursor").asString());
        ToolOutcome last = h.catalog.call("list_invoices", next);
        assertThat(last.text()).startsWith("1 invoice on this page (totals of this page only, not of all matches: "
                + "20.25 USD; due 0.00 USD; for all matches call summarize_invoices with the same filters). That is all.");
    }

    /** The page names its summary tool only where the agent can call it. */
    @Test
    void aCatalogWithoutTheSummaryToolDoesNotNameIt(@TempDir Path dir) throws IOException {
        Path shipped = Path.of("tools-schema");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().equals("summarize_invoices.json")) {
                    Path copy = dir.resolve(shipped.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            }
        }
        ToolCatalog catalog = ToolRegistry.load(ToolSettings.defaults(), new DirectorySchemaSource(dir))
                .catalog(h.coupa);
        ToolOutcome first = catalog.call("list_invoices", Json.object().put("limit", 2));
        assertThat(first.text()).startsWith("2 invoices on this page (totals of this page only, not of all matches: "
                + "50.50 EUR, 100.00 USD; due 50.50 EUR, 100.00 USD). More: call list_invoices again");
    }

    /** A note for a left-out filter must name a filter of the tool: a typo fails at load, naming the file. */
    @Test
    void aNoteForAnUnknownFilterFailsAtLoad(@TempDir Path dir) throws IOException {
        Path shipped = Path.of("tools-schema");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = dir.resolve(shipped.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                String text = Files.readString(file);
                Files.writeString(copy, file.getFileName().toString().equals("summarize_invoices.json")
                        ? text.replace("\"notesWithout\": {\"status\":", "\"notesWithout\": {\"stauts\":") : text);
            }
        }
        assertThatThrownBy(() -> ToolRegistry.load(ToolSettings.defaults(), new DirectorySchemaSource(dir)))
                .hasMessageContaining("summarize_invoices.json").hasMessageContaining("notesWithout.stauts");
    }
}
