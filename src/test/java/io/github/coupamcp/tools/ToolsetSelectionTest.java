package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.tools.schema.DirectorySchemaSource;
import io.github.coupamcp.tools.schema.ToolSchemaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which toolsets a setting publishes: core by default (from tools-schema/toolsets.json), all, or named ones. */
class ToolsetSelectionTest {
    private static final Set<String> CORE = Set.of("invoices", "suppliers", "purchase_orders");

    private static Set<String> toolsets(ToolRegistry registry) {
        Set<String> names = new TreeSet<>();
        registry.definitions().forEach(d -> names.add(d.toolset()));
        return names;
    }

    private static ToolRegistry load(String... toolsets) {
        return ToolRegistry.load(ToolSettings.builder().enabledToolsets(Set.of(toolsets)).build());
    }

    @Test
    void theDefaultIsTheCoreToolsetsOnly() {
        ToolRegistry registry = ToolRegistry.load(ToolSettings.defaults());
        assertThat(toolsets(registry)).containsExactlyInAnyOrderElementsOf(CORE);
        assertThat(registry.requiredScopes())
                .containsExactlyInAnyOrder("core.invoice.read", "core.supplier.read", "core.purchase_order.read",
                        "core.requisition.read", // approval_backlog reads pending requisitions too
                        "core.contract.read"); // supplier_profile reads contracts
    }

    @Test
    void allPublishesEveryToolset() {
        ToolRegistry all = load("all");
        assertThat(toolsets(all)).containsAll(CORE).contains("contracts");
        ToolRegistry everything = ToolRegistry.load(ToolHarness.allTools());
        assertThat(everything.definitions()).hasSize(new DirectorySchemaSource(Path.of("tools-schema")).toolFiles()
                .size());
        assertThat(all.definitions()).hasSize((int) everything.specs().stream().filter(s -> !s.block().writes())
                .count());
        assertThat(all.requiredScopes()).contains("core.contract.read");
    }

    @Test
    void namingAToolsetEnablesIt() {
        assertThat(toolsets(load("contracts"))).containsExactly("contracts");
        assertThat(load("contracts").requiredScopes()).containsExactly("core.contract.read");
        Set<String> withCore = new TreeSet<>(CORE);
        withCore.add("contracts");
        assertThat(toolsets(load("core", "contracts"))).containsExactlyInAnyOrderElementsOf(withCore);
    }

    @Test
    void anUnknownToolsetNamesTheKnownOnes() {
        assertThatThrownBy(() -> load("contract"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown toolset 'contract' (did you mean contracts?); known toolsets: [")
                .hasMessageContaining("contracts").hasMessageContaining("requisitions")
                .hasMessageContaining("or core (invoices, purchase_orders, suppliers) or all");
    }

    @Test
    void readOnlyStillWins() {
        assertThat(ToolRegistry.load(ToolSettings.builder().readOnly(true).enabledToolsets(Set.of("all")).build())
                .definitions()).allMatch(d -> d.hints().readOnly());
    }

    @Test
    void aToolsetMissingFromToolsetsJsonIsAStartUpError(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("suppliers"));
        Files.copy(Path.of("tools-schema/suppliers/get_supplier.json"), dir.resolve("suppliers/get_supplier.json"));
        copyFragments(dir);
        Files.writeString(dir.resolve("toolsets.json"), "{\"toolsets\": {\"invoices\": {\"core\": true}}}");
        assertThatThrownBy(() -> ToolRegistry.load(ToolSettings.defaults(), new DirectorySchemaSource(dir)))
                .isInstanceOf(ToolSchemaException.class)
                .hasMessageContaining("tools-schema/toolsets.json")
                .hasMessageContaining("toolsets [suppliers] have tools but are not declared");
    }

    private static void copyFragments(Path dir) throws IOException {
        Path from = Path.of("tools-schema/_fragments");
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = dir.resolve("_fragments").resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }
}
