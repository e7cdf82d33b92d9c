package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalogue's cost in an agent's context (issue 9): what a model reads of tools/list — name, title, description,
 * input schema and annotations of each tool, serialised as published. Prints the figures and holds the budgets.
 */
class CatalogueSizeTest {
    static final int TOOL_BUDGET = 1_500;
    static final int DEFAULT_BUDGET = 12_000;
    private static final List<String> READ_BY_THE_MODEL = List.of("name", "title", "description", "inputSchema",
            "annotations");

    static int size(ToolDefinition tool) {
        ObjectNode json = ToolDefinitionJson.of(tool);
        int size = 0;
        for (String key : READ_BY_THE_MODEL) {
            JsonNode part = json.get(key);
            size += part == null ? 0 : part.isString() ? part.asString().length() : part.toString().length();
        }
        return size;
    }

    @Test
    void everyToolFitsItsBudget() {
        List<ToolDefinition> all = ToolRegistry.load(ToolHarness.allTools()).definitions().stream()
                .sorted(Comparator.comparingInt(CatalogueSizeTest::size).reversed()).toList();
        all.forEach(t -> System.out.printf("tool %-28s %5d characters (%s)%n", t.name(), size(t), t.toolset()));
        assertThat(all.stream().filter(t -> size(t) > TOOL_BUDGET).map(t -> t.name() + " " + size(t)))
                .as("tools over " + TOOL_BUDGET + " characters").isEmpty();
    }

    @Test
    void theDefaultCatalogueFitsItsBudget() {
        List<ToolDefinition> tools = ToolRegistry.load(ToolSettings.defaults()).definitions();
        int total = tools.stream().mapToInt(CatalogueSizeTest::size).sum();
        ToolDefinition largest = tools.stream().max(Comparator.comparingInt(CatalogueSizeTest::size)).orElseThrow();
        int all = ToolRegistry.load(ToolHarness.allToolsets()).definitions().size();
        int withOutput = tools.stream().mapToInt(t -> ToolDefinitionJson.of(t).toString().length()).sum();
        System.out.println("default tools/list: " + tools.size() + " tools, " + total
                + " characters (name+title+description+inputSchema+annotations; " + withOutput
                + " with the output schemas), largest " + largest.name() + " "
                + size(largest) + "; with all toolsets: " + all + " tools; server instructions (once per session): "
                + ServerInstructions.render(tools).length() + " characters");
        // the other target, at least 10 default tools, is a matter of which tools are core: printed above
        assertThat(total).isLessThanOrEqualTo(DEFAULT_BUDGET);
    }
}
