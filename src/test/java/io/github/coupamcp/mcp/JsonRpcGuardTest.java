package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.ToolAccess;
import io.github.coupamcp.tools.ToolRegistry;
import io.github.coupamcp.tools.ToolSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonRpcGuardTest {
    private final JsonRpcGuard guard = new JsonRpcGuard(List.of("echo", "list_things"));

    private JsonRpcGuard.Verdict check(String message) {
        return guard.check(message.getBytes(StandardCharsets.UTF_8));
    }

    private JsonRpcGuard.Rejected rejected(String message) {
        return (JsonRpcGuard.Rejected) check(message);
    }

    @Test
    void normalisesNullsAndCapsTheClientsSelfDescription() {
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"" + "n".repeat(10_000)
                + "\",\"version\":\"1\"}}}";
        JsonRpcGuard.Accepted accepted = (JsonRpcGuard.Accepted) check(init);
        JsonNode info = Json.MAPPER.readTree(accepted.json()).path("params").path("clientInfo");
        assertThat(info.path("name").asString()).hasSize(JsonRpcGuard.MAX_CLIENT_INFO_CHARS);
        assertThat(accepted.method()).isEqualTo("initialize");
        assertThat(accepted.request()).isTrue();

        JsonRpcGuard.Accepted call = (JsonRpcGuard.Accepted) check("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":null,\"_meta\":null}}");
        assertThat(call.json()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\"}}");
    }

    @Test
    void badNotificationsAreDroppedUnansweredAndResponsesPass() {
        JsonRpcGuard.Rejected note = rejected("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":[]}");
        assertThat(note.answerable()).isFalse();
        assertThat(check("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}")).isInstanceOf(JsonRpcGuard.Accepted.class);
    }

    @Test
    void answersAreStandardErrorsWithTheRequestId() {
        assertThat(rejected("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":1}}")
                .answer()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32602,\"message\":"
                + "\"Invalid params: \\\"name\\\" must be a string (not a number); tools/call needs params "
                + "{\\\"name\\\": \\\"<tool>\\\", \\\"arguments\\\": {...}}\"}}");
        assertThat(rejected("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}").code()).isEqualTo(-32600);
        assertThat(rejected("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + "m".repeat(500) + "\"}").message())
                .hasSizeLessThan(100);
        assertThat(rejected("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":{}}").code())
                .isEqualTo(-32602);
        assertThat(rejected("").code()).isEqualTo(-32700);
    }

    @Test
    void unknownToolNamesAreEchoedSafely() {
        String message = rejected("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"bad\\nname\"}}").message();
        assertThat(message).isEqualTo("Unknown tool 'bad?name'. Call tools/list to see the available tools "
                + "(echo, list_things).");
    }

    /** A tool the server knows but does not publish says what would publish it, not just "unknown". */
    @Test
    void aKnownToolOutsideTheCatalogueSaysWhatWouldPublishIt() {
        ToolAccess access = ToolRegistry.load(ToolSettings.defaults()).access();
        JsonRpcGuard withCatalogue = new JsonRpcGuard(List.of("list_invoices"), access.unpublished());
        String message = ((JsonRpcGuard.Rejected) withCatalogue.check(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"find_duplicate_invoices\"}}").getBytes(StandardCharsets.UTF_8)))
                .message();
        assertThat(message).startsWith("Tool 'find_duplicate_invoices' is not published by this server: it belongs to "
                + "the toolset 'invoice_checks'").contains("--toolsets core,invoice_checks");
    }
}
