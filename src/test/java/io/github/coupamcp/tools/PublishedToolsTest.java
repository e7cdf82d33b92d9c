package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Walks every published tool: what MCP clients rely on, checked for all of them at once. */
class PublishedToolsTest {
    static List<ToolDefinition> tools() {
        return ToolRegistry.load(ToolHarness.allTools()).definitions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void hasTitleDescriptionAndAllFourHints(ToolDefinition tool) {
        ObjectNode published = ToolDefinitionJson.of(tool);
        assertThat(tool.title()).isNotBlank();
        assertThat(tool.description()).isNotBlank().endsWith(".");
        assertThat(published.get("annotations").propertyNames())
                .containsExactlyInAnyOrder("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint");
        published.get("annotations").forEach(hint -> assertThat(hint.isBoolean()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void schemasAreFlatSelfContainedAndClosed(ToolDefinition tool) {
        for (ObjectNode schema : List.of(tool.inputSchema(), tool.outputSchema())) {
            assertThat(schema.get("type").asString()).isEqualTo("object");
            assertThat(schema.propertyNames()).doesNotContain("oneOf", "anyOf", "allOf", "not");
            assertThat(schema.toString()).doesNotContain("$include", "$ref", "x-coupa");
        }
        assertThat(tool.inputSchema().get("additionalProperties").asBoolean()).isFalse();
        tool.inputSchema().get("properties").properties().forEach(p -> assertThat(p.getValue().has("description")
                || ServerInstructions.explains(p.getKey())).as(p.getKey() + " is explained by its description or the "
                + "server instructions").isTrue());
    }

    /** A list argument also takes one value (nested anyOf, checked as one item); every argument has a bounded size. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void listArgumentsTakeOneValueAndEveryArgumentIsBounded(ToolDefinition tool) {
        tool.inputSchema().get("properties").properties().forEach(e -> {
            JsonNode property = e.getValue();
            if (property.path("items").path("type").asString().equals("object")) {
                // document lines: a list of objects, kept as a list
                assertThat(property.has("maxItems")).as(e.getKey() + " has maxItems").isTrue();
                assertBounded(e.getKey() + " items", property.get("items"));
                return;
            }
            assertThat(property.path("type").asString()).as(e.getKey()).isNotEqualTo("array");
            if (property.has("anyOf")) {
                JsonNode list = property.get("anyOf").get(0);
                assertThat(property.get("anyOf")).as(e.getKey()).hasSize(2);
                assertThat(list.get("type").asString()).as(e.getKey()).isEqualTo("array");
                assertThat(list.has("maxItems") || list.get("items").has("enum"))
                        .as(e.getKey() + " has maxItems or enum items").isTrue();
                assertThat(property.get("anyOf").get(1)).as(e.getKey())
                        .isEqualTo(Json.object().set("type", list.get("items").get("type")));
                assertBounded(e.getKey() + " items", list.get("items"));
            } else {
                assertBounded(e.getKey(), property);
            }
        });
    }

    private static void assertBounded(String name, JsonNode schema) {
        switch (schema.get("type").asString()) {
            // a string without maxLength is still capped: ArgumentValidator.DEFAULT_MAX_LENGTH (ArgumentValidationTest)
            case "string" -> assertThat(schema.path("maxLength").asInt(ArgumentValidator.DEFAULT_MAX_LENGTH))
                    .as(name + " has a bounded length").isLessThanOrEqualTo(10_000);
            case "integer" -> assertThat(schema.has("minimum")).as(name + " has a minimum").isTrue();
            // an amount may be negative (credit notes); the validator caps its digits (ArgumentValidator)
            case "number" -> assertThat(name).isNotEmpty();
            case "object" -> schema.get("properties").properties().forEach(p -> assertBounded(name + "." + p.getKey(),
                    p.getValue()));
            default -> assertThat(schema.get("type").asString()).as(name).isEqualTo("boolean");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void readToolsAreReadOnlyAndNotDestructive(ToolDefinition tool) {
        if (tool.name().startsWith("list_") || tool.name().startsWith("get_")) {
            assertThat(tool.hints().readOnly()).isTrue();
            assertThat(tool.hints().destructive()).isFalse();
            assertThat(tool.hints().idempotent()).isTrue();
        }
    }

    /** Each toolset alone needs exactly its tools' scopes; all together need their union. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("toolsets")
    void requiredScopesAreWhatTheEnabledToolsNeed(String toolset) {
        List<ToolSpec> all = ToolRegistry.load(ToolHarness.allToolsets()).specs();
        ToolRegistry registry = ToolRegistry.load(ToolSettings.builder().enabledToolsets(Set.of(toolset)).build());
        List<ToolSpec> members = all.stream().filter(s -> s.definition().toolset().equals(toolset)).toList();

        assertThat(registry.definitions()).extracting(ToolDefinition::name)
                .containsExactlyElementsOf(members.stream().map(ToolSpec::name).toList());
        assertThat(registry.requiredScopes())
                .containsExactlyInAnyOrderElementsOf(members.stream().flatMap(s -> s.block().scopes().stream())
                        .distinct().toList());
        assertThat(ToolRegistry.load(ToolHarness.allToolsets()).requiredScopes()).containsAll(registry.requiredScopes());
    }

    static List<String> toolsets() {
        return tools().stream().map(ToolDefinition::toolset).distinct().toList();
    }

    @Test
    void unknownToolsetIsRejected() {
        ToolSettings settings = ToolSettings.builder().enabledToolsets(Set.of("bogus")).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ToolRegistry.load(settings))
                .hasMessageContaining("unknown toolset 'bogus'");
    }

    @Test
    void readOnlyModeKeepsReadOnlyTools() {
        ToolRegistry registry = ToolRegistry.load(ToolSettings.builder().readOnly(true).writesEnabled(true)
                .enabledToolsets(Set.of("all")).build());
        assertThat(registry.definitions()).containsExactlyElementsOf(
                tools().stream().filter(d -> d.hints().readOnly()).toList());
    }

    @Test
    void publishedJsonRoundTrips() {
        for (ToolDefinition tool : tools()) {
            JsonNode json = Json.MAPPER.readTree(ToolDefinitionJson.of(tool).toString());
            assertThat(json.get("name").asString()).isEqualTo(tool.name());
        }
    }
}
