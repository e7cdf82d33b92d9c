package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.tools.ToolRegistry;
import io.github.coupamcp.tools.ToolSettings;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The check the SDK makes of every tool schema when a server is built, which the server skips at start (it defers
 * loading the schema validator, see DeferredSchemaValidator): every published schema is valid JSON Schema.
 */
class McpToolSchemasTest {
    private final JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();

    @Test
    void everyPublishedInputAndOutputSchemaConformsToTheMetaSchema() {
        List<SyncToolSpecification> tools = McpToolMapper.specifications(
                ToolRegistry.load(ToolSettings.builder().enabledToolsets(java.util.Set.of("all")).build()).catalog(new io.github.coupamcp.tools.FakeCoupaClient()), new InFlightCalls());
        assertThat(tools).isNotEmpty();
        for (SyncToolSpecification spec : tools) {
            validator.assertConforms(spec.tool().name() + " input", spec.tool().inputSchema());
            if (spec.tool().outputSchema() != null) {
                validator.assertConforms(spec.tool().name() + " output", spec.tool().outputSchema());
            }
        }
    }

    @Test
    void theCheckCatchesAnInvalidSchema() {
        assertThatThrownBy(() -> validator.assertConforms("broken", Map.of("type", 42)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDeferredValidatorStillRejectsNonConformingStructuredContent() {
        Map<String, Object> schema = Map.of("type", "object", "required", List.of("x"),
                "properties", Map.of("x", Map.of("type", "string")));
        DeferredSchemaValidator deferred = new DeferredSchemaValidator();
        assertThat(deferred.validate(schema, Map.of("x", "ok")).valid()).isTrue();
        assertThat(deferred.validate(schema, Map.of("y", 1)).valid()).isFalse();
    }
}
