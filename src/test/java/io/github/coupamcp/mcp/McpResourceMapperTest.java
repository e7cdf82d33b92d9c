package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.RecordTool;
import io.github.coupamcp.tools.ToolCatalog;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolOutcome;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class McpResourceMapperTest {
    private final List<ObjectNode> calls = new ArrayList<>();
    private final ToolCatalog catalog = new ToolCatalog() {
        @Override
        public List<ToolDefinition> tools() {
            return List.of();
        }

        @Override
        public List<RecordTool> recordTools() {
            return List.of(new RecordTool("get_thing", "things", "thing", "list_things"));
        }

        @Override
        public ToolOutcome call(String name, ObjectNode arguments) {
            calls.add(arguments);
            return switch ((int) arguments.path("id").asLong()) {
                case 1 -> {
                    ObjectNode out = Json.object();
                    out.putObject("item").put("id", 1).put("name", "one");
                    out.putArray("notes").add("trimmed to fit the response budget");
                    yield ToolOutcome.success(out, "Thing one");
                }
                case 2 -> ToolOutcome.error(ToolOutcome.Failure.NOT_FOUND, "No thing with id 2. Use list_things.");
                case 3 -> ToolOutcome.error("Coupa is unavailable. Retry in a minute.");
                default -> throw new IllegalStateException("secret internals");
            };
        }
    };
    private final SyncResourceTemplateSpecification spec =
            McpResourceMapper.templates(catalog, new InFlightCalls()).get(0);

    private ReadResourceResult read(String uri) {
        return spec.readHandler().apply(null, new ReadResourceRequest(uri));
    }

    private McpError readFails(String uri) {
        return catchThrowableOfType(McpError.class, () -> read(uri));
    }

    @Test
    void oneTemplatePerGetTool() {
        assertThat(spec.resourceTemplate().uriTemplate()).isEqualTo("coupa://things/{id}");
        assertThat(spec.resourceTemplate().description()).contains("get_thing", "list_things");
    }

    @Test
    void aRecordIsItsJsonWithTheNotesBeside() {
        ReadResourceResult result = read("coupa://things/1");
        assertThat(calls).extracting(ObjectNode::toString).containsExactly("{\"id\":1}");
        TextResourceContents json = (TextResourceContents) result.contents().get(0);
        assertThat(json.mimeType()).isEqualTo("application/json");
        assertThat(json.text()).isEqualTo("{\"id\":1,\"name\":\"one\"}");
        assertThat(((TextResourceContents) result.contents().get(1)).text())
                .isEqualTo("Note: trimmed to fit the response budget");
    }

    @Test
    void malformedIdsAreInvalidParamsWithoutCallingTheTool() {
        for (String id : List.of("0", "-1", "abc", "1.5", "01", "1234567890123456789", "1?x=2", "%31")) {
            McpError e = readFails("coupa://things/" + id);
            assertThat(e.getJsonRpcError().code()).as(id).isEqualTo(-32602);
            assertThat(e.getMessage()).as(id).contains("positive whole number", "coupa://things/1", "list_things");
        }
        assertThat(calls).isEmpty();
    }

    @Test
    void failuresMapToTheirProtocolErrors() {
        McpError notFound = readFails("coupa://things/2");
        assertThat(notFound.getJsonRpcError().code()).isEqualTo(-32002);
        assertThat(notFound.getMessage()).isEqualTo("No thing with id 2. Use list_things.");
        McpError failed = readFails("coupa://things/3");
        assertThat(failed.getJsonRpcError().code()).isEqualTo(-32603);
        assertThat(failed.getMessage()).contains("Retry in a minute");
        McpError bug = readFails("coupa://things/4");
        assertThat(bug.getJsonRpcError().code()).isEqualTo(-32603);
        assertThat(bug.getMessage()).contains("Internal error", "coupa://things/4")
                .doesNotContain("secret", "IllegalState");
    }
}
