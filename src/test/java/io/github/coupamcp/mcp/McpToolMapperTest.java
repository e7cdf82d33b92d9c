package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpToolMapperTest {
    private final FakeCatalog catalog = new FakeCatalog();

    @Test
    void publishesSchemasTitleAndAllFourHints() {
        Tool echo = McpToolMapper.tool(catalog.tools().get(0));

        assertThat(echo.name()).isEqualTo("echo");
        assertThat(echo.title()).isEqualTo("Echo");
        assertThat(echo.description()).isEqualTo("Echoes the text back");
        assertThat(echo.inputSchema()).containsEntry("type", "object").containsKey("properties");
        assertThat(echo.outputSchema()).containsEntry("required", java.util.List.of("echoed"));
        assertThat(echo.annotations().readOnlyHint()).isTrue();
        assertThat(echo.annotations().destructiveHint()).isFalse();
        assertThat(echo.annotations().idempotentHint()).isTrue();
        assertThat(echo.annotations().openWorldHint()).isFalse();
    }

    @Test
    void toolWithoutOutputSchemaPublishesNone() {
        assertThat(McpToolMapper.tool(catalog.tools().get(2)).outputSchema()).isNull();
    }

    @Test
    void successCarriesTextAndStructuredContent() {
        CallToolResult result = McpToolMapper.call(catalog, new CallToolRequest("echo", Map.of("text", "hi")));

        assertThat(result.isError()).isFalse();
        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("echoed hi");
        assertThat(result.structuredContent()).isEqualTo(Map.of("echoed", "hi"));
    }

    @Test
    void errorOutcomeIsAnErrorResultWithoutStructuredContent() {
        CallToolResult result = McpToolMapper.call(catalog, new CallToolRequest("fail", Map.of()));

        assertThat(result.isError()).isTrue();
        assertThat(((TextContent) result.content().get(0)).text()).contains("not found");
        assertThat(result.structuredContent()).isNull();
    }

    @Test
    void handlerExceptionBecomesAGenericErrorWithoutInternals() {
        CallToolResult result = McpToolMapper.call(catalog, new CallToolRequest("boom", Map.of()));

        assertThat(result.isError()).isTrue();
        String text = ((TextContent) result.content().get(0)).text();
        assertThat(text).isEqualTo(McpToolMapper.INTERNAL_ERROR).doesNotContain("secret", "Exception");
    }

    @Test
    void missingArgumentsAreAnEmptyObject() {
        CallToolResult result = McpToolMapper.call(catalog, new CallToolRequest("echo", null));

        assertThat(result.isError()).isFalse();
        assertThat(result.structuredContent()).isEqualTo(Map.of("echoed", ""));
    }
}
