package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorBodyFilterTest {
    private static String sanitise(int status, String body) {
        return ErrorBodyFilter.sanitise(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsCodeAndMessageOfASerialisedMcpErrorAndDropsTheStack() {
        String sdkBody = "{\"jsonRpcError\":{\"code\":-32001,\"message\":\"Session not found: abc\",\"data\":null},"
                + "\"message\":\"Session not found: abc\",\"stackTrace\":[{\"className\":\"org.eclipse.jetty.Server\"}],"
                + "\"localizedMessage\":\"Session not found: abc\",\"suppressed\":[]}";
        assertThat(sanitise(404, sdkBody)).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":\"Session not found: abc\"}}");
    }

    @Test
    void transportRefusalsAreInvalidRequestsNotUnknownMethodsOrInternalErrors() {
        assertThat(sanitise(400, "{\"jsonRpcError\":{\"code\":-32601,\"message\":\"text/event-stream required in "
                + "Accept header\"}}")).contains("\"code\":-32600,");
        assertThat(sanitise(404, "{\"jsonRpcError\":{\"code\":-32603,\"message\":\"Session not found: x\"}}"))
                .contains("\"code\":-32600,\"message\":\"Session not found: x\"");
        assertThat(sanitise(500, "{\"jsonRpcError\":{\"code\":-32603,\"message\":\"boom\"}}"))
                .contains("\"code\":-32603,");
    }

    @Test
    void fallsBackToTopLevelMessage() {
        assertThat(sanitise(400, "{\"message\":\"Invalid Accept header\",\"stackTrace\":[]}"))
                .contains("\"message\":\"Invalid Accept header\"").doesNotContain("stackTrace");
    }

    @Test
    void nonJsonBodyBecomesAGenericMessage() {
        assertThat(sanitise(500, "java.lang.IllegalStateException: boom\n\tat x.y.Z"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"HTTP 500\"}}");
    }

    @Test
    void messagesQuotingJavaInternalsAreReplaced() {
        String sdkBody = "{\"jsonRpcError\":{\"code\":-32600,\"message\":\"Invalid message format: tools.jackson."
                + "databind.exc.MismatchedInputException: Cannot construct `io.modelcontextprotocol.spec.McpSchema"
                + "$CallToolRequest`\"}}";
        assertThat(sanitise(400, sdkBody)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                + "\"message\":\"HTTP 400: the request was refused\"}}");
    }
}
