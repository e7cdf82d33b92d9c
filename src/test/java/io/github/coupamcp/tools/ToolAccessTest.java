package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Which tools a session sees: scopes Coupa granted, toolsets it enabled itself, and a request's narrowing. */
class ToolAccessTest {
    private static final ToolSession A = new ToolSession("a", ToolNarrowing.NONE);
    private static final ToolSession B = new ToolSession("b", ToolNarrowing.NONE);

    private static ToolAccess access(ToolSettings.Builder settings) {
        return ToolRegistry.load(settings.build()).access();
    }

    private static List<String> visible(ToolAccess access, ToolSession session) {
        return access.catalogue().stream().map(ToolDefinition::name).filter(n -> access.visible(n, session)).toList();
    }

    private static ObjectNode toolset(String name) {
        ObjectNode args = Json.object();
        args.put("toolset", name);
        return args;
    }

    @Test
    void toolsNeedingAScopeCoupaDidNotGrantAreHiddenAndSayWhichScope() {
        ToolAccess access = access(ToolSettings.builder());
        AtomicInteger changes = new AtomicInteger();
        access.onChange(changes::incrementAndGet);
        assertThat(visible(access, A)).contains("list_purchase_orders", "list_invoices");

        access.grant(null); // the token answer did not say: nothing hidden
        access.grant(Set.of("core.invoice.read", "core.supplier.read", "core.purchase_order.read"));
        assertThat(changes).hasValue(0);

        access.grant(Set.of("core.invoice.read", "core.supplier.read"));
        assertThat(changes).hasValue(1);
        assertThat(visible(access, A)).contains("list_invoices", "get_supplier")
                .doesNotContain("list_purchase_orders", "get_purchase_order", "summarize_purchase_orders");
        assertThat(access.refusal("list_purchase_orders", A)).get().asString()
                .startsWith("Tool 'list_purchase_orders' needs the OAuth scope core.purchase_order.read, which Coupa "
                        + "did not grant")
                .contains("COUPA_SCOPES");
    }

    /** coupa_query reads many resources, each call one: it stays while Coupa grants any of their scopes. */
    @Test
    void aQueryToolIsNotHiddenForTheScopesOfResourcesItMayNeverRead() {
        ToolAccess access = access(ToolSettings.builder().enabledToolsets(Set.of("core", "query")));
        access.grant(Set.of("core.invoice.read", "core.supplier.read", "core.purchase_order.read"));
        assertThat(visible(access, A)).contains("coupa_query", "list_invoices");
        assertThat(access.refusal("coupa_query", A)).isEmpty();
    }

    @Test
    void dynamicToolsetsAreEnabledPerSessionAndAnnounced() {
        ToolAccess access = access(ToolSettings.builder().dynamicToolsets(true));
        AtomicInteger changes = new AtomicInteger();
        access.onChange(changes::incrementAndGet);
        assertThat(access.dynamic()).isTrue();
        assertThat(visible(access, A)).contains("list_invoices", "list_toolsets", "enable_toolset")
                .doesNotContain("list_contracts");
        assertThat(access.refusal("list_contracts", A)).get().asString()
                .contains("toolset 'contracts', which is not enabled for this session")
                .contains("enable_toolset with {\"toolset\": \"contracts\"}");

        ToolOutcome listed = access.listToolsets(A);
        JsonNode contracts = find(listed.structured().path("toolsets"), "contracts");
        assertThat(contracts.path("enabled").asBoolean()).isFalse();
        assertThat(contracts.path("tool_count").asInt()).isEqualTo(2);
        assertThat(find(listed.structured().path("toolsets"), "invoices").path("enabled").asBoolean()).isTrue();

        ToolOutcome enabled = access.enableToolset(toolset("contracts"), A);
        assertThat(enabled.isError()).isFalse();
        assertThat(enabled.structured().path("tools").toString()).contains("list_contracts", "get_contract");
        assertThat(changes).hasValue(1);
        assertThat(visible(access, A)).contains("list_contracts", "get_contract");
        assertThat(visible(access, B)).doesNotContain("list_contracts");

        ToolOutcome again = access.enableToolset(toolset("contracts"), A);
        assertThat(again.structured().path("already_enabled").asBoolean()).isTrue();
        assertThat(changes).hasValue(1);
    }

    @Test
    void enablingAnUnknownOrMissingToolsetIsAClearError() {
        ToolAccess access = access(ToolSettings.builder().dynamicToolsets(true).excludedTools(
                Set.of("list_accounts", "get_account")));
        ToolOutcome typo = access.enableToolset(toolset("contract"), A);
        assertThat(typo.isError()).isTrue();
        assertThat(typo.text()).startsWith("There is no toolset 'contract' (did you mean contracts?)")
                .contains("Toolsets you can enable: ");
        ToolOutcome missing = access.enableToolset(Json.object(), A);
        assertThat(missing.text()).startsWith("enable_toolset needs {\"toolset\": \"<name>\"}, one of: ");
        // every tool of accounts is excluded: the toolset is not in the catalogue, so it cannot be enabled
        ToolOutcome excluded = access.enableToolset(toolset("accounts"), A);
        assertThat(excluded.isError()).isTrue();
        assertThat(excluded.text()).startsWith("The toolset 'accounts' is not published by this server");
    }

    @Test
    void withoutDynamicToolsetsOrWithEverythingEnabledThereAreNoDiscoveryTools() {
        assertThat(access(ToolSettings.builder()).catalogue()).extracting(ToolDefinition::name)
                .doesNotContain("list_toolsets", "enable_toolset");
        assertThat(access(ToolSettings.builder().dynamicToolsets(true).enabledToolsets(Set.of("all"))).dynamic())
                .isFalse();
    }

    /** Issue 9's budget: each tool, counting name, title, description, input schema and annotations. */
    @Test
    void theDiscoveryToolsStayTiny() {
        Set<String> everyToolset = ToolRegistry.load(ToolHarness.allToolsets()).access().catalogue().stream()
                .map(ToolDefinition::toolset).collect(Collectors.toSet());
        for (ToolDefinition tool : DiscoveryTools.definitions(everyToolset)) {
            ObjectNode json = ToolDefinitionJson.of(tool);
            int size = 0;
            for (String key : List.of("name", "title", "description", "inputSchema", "annotations")) {
                JsonNode part = json.get(key);
                size += part == null ? 0 : part.isString() ? part.asString().length() : part.toString().length();
            }
            System.out.println(tool.name() + ": " + size + " characters");
            assertThat(size).as(tool.name()).isLessThanOrEqualTo(1500);
        }
    }

    @Test
    void aNarrowingHeaderMayNameOnlyWhatTheServerPublishes() {
        ToolAccess access = access(ToolSettings.builder().enabledToolsets(Set.of("invoices", "suppliers")));
        assertThat(access.narrowToolsets("X-T", List.of("invoices"))).containsExactly("invoices");
        assertThat(access.narrowToolsets("X-T", List.of("core"))).containsExactlyInAnyOrder("invoices", "suppliers");
        assertThatThrownBy(() -> access.narrowToolsets("X-T", List.of("contracts")))
                .hasMessage("X-T: the toolset 'contracts' is not published by this server; this server publishes "
                        + "[invoices, suppliers] and a request can only narrow them");
        assertThatThrownBy(() -> access.narrowToolsets("X-T", List.of("invoice")))
                .hasMessageStartingWith("X-T: there is no toolset 'invoice' (did you mean invoices?)");
        assertThatThrownBy(() -> access.narrowTools("X-U", List.of("list_contracts")))
                .hasMessageStartingWith("X-U: the tool 'list_contracts' is not published by this server");
        assertThatThrownBy(() -> access.narrowTools("X-U", List.of("list_invoice")))
                .hasMessageStartingWith("X-U: there is no tool 'list_invoice' (did you mean list_invoices");
        assertThatThrownBy(() -> access.excludeTools("X-V", List.of("list_invoice")))
                .hasMessageStartingWith("X-V: there is no tool 'list_invoice'");
        assertThat(access.excludeTools("X-V", List.of("list_contracts"))).containsExactly("list_contracts");
        assertThatThrownBy(() -> access.narrowTools("X-U", List.of()))
                .hasMessage("X-U names nothing; leave it out to keep every tool");
    }

    /** Whatever a request's headers say, it sees a subset of what the same session sees without them. */
    @Test
    void narrowingNeverWidens(@TempDir Path dir) throws IOException {
        ToolAccess access = ToolFiltersTest.withWriteTool(dir, ToolSettings.defaults()).access();
        List<ToolNarrowing> narrowings = new ArrayList<>();
        for (Set<String> toolsets : List.of(Set.<String>of(), Set.of("invoices"))) {
            for (Set<String> tools : List.of(Set.<String>of(), Set.of("post_invoice"), Set.of("count_invoices"))) {
                for (boolean readOnly : List.of(false, true)) {
                    narrowings.add(new ToolNarrowing(toolsets.isEmpty() ? null : toolsets,
                            tools.isEmpty() ? null : tools, Set.of("count_invoices"), readOnly));
                    narrowings.add(new ToolNarrowing(toolsets.isEmpty() ? null : toolsets,
                            tools.isEmpty() ? null : tools, Set.of(), readOnly));
                }
            }
        }
        List<String> unnarrowed = visible(access, A);
        assertThat(unnarrowed).containsExactlyInAnyOrder("count_invoices", "post_invoice");
        for (ToolNarrowing narrowing : narrowings) {
            List<String> seen = visible(access, new ToolSession("a", narrowing));
            assertThat(unnarrowed).as(narrowing.toString()).containsAll(seen);
            if (narrowing.readOnly()) {
                assertThat(seen).doesNotContain("post_invoice");
            }
        }
        ToolSession readOnly = new ToolSession("a", new ToolNarrowing(null, null, Set.of(), true));
        assertThat(access.refusal("post_invoice", readOnly)).get().asString()
                .startsWith("Tool 'post_invoice' is not available to this request");
    }

    private static JsonNode find(JsonNode toolsets, String name) {
        for (JsonNode t : toolsets) {
            if (t.path("name").asString().equals(name)) {
                return t;
            }
        }
        throw new AssertionError(name + " not listed in " + toolsets);
    }
}
