package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.FakeCoupaClient;
import io.github.coupamcp.tools.ToolRegistry;
import io.github.coupamcp.tools.ToolSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** Dynamic toolsets over stdio (one session per process): enable_toolset announces the change on stdout. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StdioDiscoveryTest {
    private PipedOutputStream clientOut;
    private BufferedReader clientIn;
    private StdioServer server;

    @BeforeEach
    void start() throws IOException {
        clientOut = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
        PipedInputStream fromServer = new PipedInputStream(1 << 20);
        OutputStream serverOut = new PipedOutputStream(fromServer);
        clientIn = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));
        ToolRegistry registry = ToolRegistry.load(ToolSettings.builder().dynamicToolsets(true).build());
        server = StdioServer.start(new McpServerFactory(registry.catalog(new FakeCoupaClient()), registry.access(),
                "test"), serverIn, serverOut);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void send(String line) throws IOException {
        clientOut.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        clientOut.flush();
    }

    /** Lines up to and including the answer to {@code id}. */
    private List<JsonNode> untilAnswer(int id) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            JsonNode line = Json.MAPPER.readTree(clientIn.readLine());
            lines.add(line);
            if (line.path("id").asInt(-1) == id) {
                return lines;
            }
        }
        throw new AssertionError("no answer to " + id + " in " + lines);
    }

    private String toolNames(int id) throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}");
        List<JsonNode> lines = untilAnswer(id);
        List<String> names = new ArrayList<>();
        lines.get(lines.size() - 1).path("result").path("tools").forEach(t -> names.add(t.path("name").asString()));
        return names.toString();
    }

    @Test
    void enableToolsetAddsToolsAndNotifiesListChanged() throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}");
        JsonNode init = untilAnswer(1).get(0);
        assertThat(init.path("result").path("capabilities").path("tools").path("listChanged").asBoolean()).isTrue();
        // the instructions describe the tools the session starts with, and where the others are
        assertThat(init.path("result").path("instructions").asString()).contains("list_invoices")
                .doesNotContain("list_contracts").contains("More toolsets (accounts, approvals, contracts")
                .contains("one enable_toolset call away");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(toolNames(2)).contains("list_invoices", "list_toolsets", "enable_toolset")
                .doesNotContain("list_contracts");

        send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"enable_toolset\","
                + "\"arguments\":{\"toolset\":\"contracts\"}}}");
        List<JsonNode> lines = untilAnswer(3);
        assertThat(lines).anySatisfy(l -> assertThat(l.path("method").asString())
                .isEqualTo("notifications/tools/list_changed"));
        assertThat(lines.get(lines.size() - 1).path("result").path("isError").asBoolean()).isFalse();
        assertThat(toolNames(4)).contains("list_contracts", "get_contract");
    }
}
