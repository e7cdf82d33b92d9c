package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The instructions are the catalogue's: every toolset with its tools and their purposes, nothing hand-listed. */
class ServerInstructionsTest {
    /** Sent once per session: a few thousand characters at most, writes and argument conventions included. */
    private static final int MAX_CHARS = 4_000;

    @Test
    void listEachToolsetWithItsToolsAndTheirTitles() {
        List<ToolDefinition> tools = ToolRegistry.load(ToolSettings.defaults()).definitions();

        String instructions = ServerInstructions.render(tools);

        for (ToolDefinition tool : tools) {
            assertThat(instructions).contains(tool.name() + " (" + tool.title() + ")");
        }
        tools.stream().map(ToolDefinition::toolset).distinct()
                .forEach(toolset -> assertThat(instructions).containsOnlyOnce("\n- " + toolset + ": "));
        // the shared explanations the tool schemas leave out live here, once: still short, every client pays for it
        assertThat(instructions).contains("next_cursor").hasSizeLessThan(MAX_CHARS);
    }

    @Test
    void explainOnlyTheArgumentsOfTheEnabledTools() {
        String core = ServerInstructions.render(ToolRegistry.load(ToolSettings.defaults()).definitions());
        String suppliers = ServerInstructions.render(ToolRegistry.load(ToolSettings.builder()
                .enabledToolsets(java.util.Set.of("accounts")).build()).definitions());
        String query = ServerInstructions.render(ToolRegistry.load(ToolSettings.builder()
                .enabledToolsets(java.util.Set.of("query")).build()).definitions());

        assertThat(core).contains("`group_by` (summaries)", "`*_from`, `*_to`").doesNotContain("`resource`");
        assertThat(suppliers).contains("`cursor`").doesNotContain("`group_by`", "`*_min`");
        assertThat(query).contains("`resource` (coupa_query)", "`fields`").doesNotContain("`group_by`");
    }

    @Test
    void followTheEnabledToolsets() {
        ToolSettings suppliers = ToolSettings.builder().enabledToolsets(java.util.Set.of("suppliers")).build();
        ToolDefinition.Hints ro = new ToolDefinition.Hints(true, false, true, true);

        assertThat(ServerInstructions.render(ToolRegistry.load(suppliers).definitions()))
                .contains("- suppliers: ").doesNotContain("- invoices: ", "- purchase_orders: ");
        assertThat(ServerInstructions.render(List.of(new ToolDefinition("count_things", "Count things", "Counts.",
                "things", null, null, ro)))).startsWith("Tools for a Coupa instance (procurement and spend "
                + "management), by toolset:\n- things: count_things (Count things)\n");
    }

    @Test
    void explainTheTwoStepWritesOnlyWhenWriteToolsArePublished() {
        assertThat(ServerInstructions.render(ToolRegistry.load(ToolSettings.defaults()).definitions()))
                .doesNotContain("confirmation_token");
        String withWrites = ServerInstructions.render(ToolRegistry.load(ToolSettings.builder().writesEnabled(true)
                .build()).definitions());
        assertThat(withWrites).contains("create_invoice (Create a draft invoice)", "two calls", "confirmation_token",
                "never writes twice").hasSizeLessThan(MAX_CHARS);
    }
}
