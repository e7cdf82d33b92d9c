package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.tools.schema.DirectorySchemaSource;
import io.github.coupamcp.tools.schema.ToolSchemaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three_way_match kind: its block is checked when loaded, and its tool asks for every scope it reads. */
class MatchKindTest {
    private static final Path TOOLS = Path.of("tools-schema");
    private static final String FILE = "invoice_checks/three_way_match_exceptions.json";

    @TempDir
    Path dir;

    /** Alone in its catalogue, the tool still asks for both scopes: it reads orders and invoices. */
    @Test
    void theToolAsksForTheScopesOfBothResourcesItReads() throws IOException {
        copyWith("\"kind\": \"three_way_match\"", "\"kind\": \"three_way_match\"");
        ToolRegistry registry = ToolRegistry.load(ToolSettings.builder().enabledToolsets(Set.of("all")).build(),
                new DirectorySchemaSource(dir));
        assertThat(registry.specs()).hasSize(1);
        assertThat(registry.requiredScopes()).containsExactly("core.invoice.read", "core.purchase_order.read");
    }

    @Test
    void aSingleSelectorMustBeAFilter() throws IOException {
        copyWith("\"single\": [\"po_number\", \"po_id\"]", "\"single\": [\"po_number\", \"po_ref\"]");
        assertThatThrownBy(() -> ToolRegistry.load(ToolSettings.defaults(), new DirectorySchemaSource(dir)))
                .isInstanceOf(ToolSchemaException.class)
                .hasMessageContaining("x-coupa.single names po_ref, which is not a filter");
    }

    @Test
    void theInvoiceScopeIsRequired() throws IOException {
        copyWith("\"invoiceScope\": \"core.invoice.read\",", "");
        assertThatThrownBy(() -> ToolRegistry.load(ToolSettings.defaults(), new DirectorySchemaSource(dir)))
                .isInstanceOf(ToolSchemaException.class)
                .hasMessageContaining("x-coupa.invoiceScope is required for kind three_way_match");
    }

    /** The real tool file with one edit, alone in its toolset, its fragments beside it. */
    private void copyWith(String from, String to) throws IOException {
        try (Stream<Path> files = Files.walk(TOOLS.resolve("_fragments"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(TOOLS.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Files.writeString(dir.resolve("toolsets.json"), """
                {"description": "The match tool alone.", "toolsets": {"invoice_checks": {"core": true}}}
                """);
        Files.createDirectories(dir.resolve("invoice_checks"));
        String tool = Files.readString(TOOLS.resolve(FILE));
        assertThat(tool).contains(from);
        Files.writeString(dir.resolve(FILE), tool.replace(from, to));
    }
}
