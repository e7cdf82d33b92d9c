package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class StdioServerTest {
    private PipedOutputStream clientOut;
    private BufferedReader clientIn;
    private StdioServer server;
    private final FakeCatalog catalog = new FakeCatalog();

    @BeforeEach
    void start() throws IOException {
        clientOut = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
        PipedInputStream fromServer = new PipedInputStream(1 << 16);
        OutputStream serverOut = new PipedOutputStream(fromServer);
        clientIn = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));
        server = StdioServer.start(new McpServerFactory(catalog, "test"), serverIn, serverOut);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void send(String line) throws IOException {
        clientOut.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        clientOut.flush();
    }

    private JsonNode receive() throws IOException {
        return Json.MAPPER.readTree(clientIn.readLine());
    }

    private void initialize() throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}");
        JsonNode init = receive();
        assertThat(init.path("result").path("serverInfo").path("name").asString()).isEqualTo("coupa-mcp");
        // the instructions list the catalogue this server was built with, not a fixed text
        assertThat(init.path("result").path("instructions").asString()).contains("next_cursor")
                .contains("\n- test: echo (Echo), fail (Fail), boom (Boom)\n");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    /** The stdio command reaches Coupa only after this (see StdioCommand): it must complete with the first answer. */
    @Test
    void firstAnswerCompletesWhenInitializeIsAnsweredNotBefore() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"); // no answer to a notification
        assertThat(server.firstAnswer()).isNotDone();
        initialize();
        server.firstAnswer().get(5, TimeUnit.SECONDS);
    }

    @Test
    void garbageAndEmptyLinesAreAnsweredAndTheServerKeepsServing() throws IOException {
        initialize();
        send("");
        send("this is not json");
        JsonNode error = receive();
        assertThat(error.path("error").path("code").asInt()).isEqualTo(-32700);
        assertThat(error.path("id").isNull()).isTrue();
        send("{\"jsonrpc\":\"2.0\",\"id\":7}");
        JsonNode invalid = receive();
        assertThat(invalid.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(invalid.path("id").asInt()).isEqualTo(7);

        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"text\":\"still here\"}}}");
        JsonNode call = receive();
        assertThat(call.path("id").asInt()).isEqualTo(2);
        assertThat(call.path("result").path("structuredContent").path("echoed").asString()).isEqualTo("still here");
    }

    /** The SDK reads capabilities into its records, and its refusal of a wrong shape names their Java classes. */
    @Test
    void wronglyShapedCapabilitiesAreAnsweredWithInvalidParamsAndNoJavaNames() throws IOException {
        String[] capabilities = {"{\"roots\":false}", "{\"sampling\":true}", "{\"elicitation\":{\"form\":true}}",
            "{\"roots\":{\"listChanged\":\"yes\"}}", "{\"experimental\":[]}", "{\"elicitation\":\"x\"}"};
        for (int i = 0; i < capabilities.length; i++) {
            send("{\"jsonrpc\":\"2.0\",\"id\":" + (10 + i) + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":" + capabilities[i] + ",\"clientInfo\":{\"name\":\"t\","
                    + "\"version\":\"0\"}}}");
            JsonNode answer = receive();
            assertThat(answer.path("id").asInt()).as(capabilities[i]).isEqualTo(10 + i);
            assertThat(answer.path("error").path("code").asInt()).as(capabilities[i]).isEqualTo(-32602);
            assertThat(answer.path("error").path("message").asString()).as(capabilities[i]).contains("capabilities.");
            assertThat(HttpHardeningTest.JAVA_NAMES.matcher(answer.toString()).find()).as(answer.toString()).isFalse();
        }
        initialize(); // a well-shaped one still works
    }

    @Test
    void wronglyTypedParamsAreAnsweredWithInvalidParamsAndNoJavaNames() throws IOException {
        initialize();
        String[] params = {"{\"name\":\"echo\",\"arguments\":[]}", "{\"name\":\"echo\",\"arguments\":\"x\"}",
            "{\"name\":\"echo\",\"arguments\":5}", "{\"name\":[\"echo\"]}", "null", "\"echo\"",
            "{\"name\":\"invalid_tool_name\"}"};
        for (int i = 0; i < params.length; i++) {
            send("{\"jsonrpc\":\"2.0\",\"id\":" + (100 + i) + ",\"method\":\"tools/call\",\"params\":"
                    + params[i] + "}");
            JsonNode answer = receive();
            assertThat(answer.path("id").asInt()).as(params[i]).isEqualTo(100 + i);
            assertThat(answer.path("error").path("code").asInt()).as(params[i]).isEqualTo(-32602);
            assertThat(HttpHardeningTest.JAVA_NAMES.matcher(answer.toString()).find()).as(answer.toString()).isFalse();
        }
        String deep = "[".repeat(100) + "]".repeat(100);
        send("{\"jsonrpc\":\"2.0\",\"id\":200,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"text\":" + deep + "}}}");
        assertThat(receive().path("error").path("code").asInt()).isEqualTo(-32600);
        send("{\"jsonrpc\":\"2.0\",\"id\":201,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"text\":\"" + "x".repeat(StdioServer.MAX_LINE_BYTES) + "\"}}}");
        JsonNode tooLong = receive();
        assertThat(tooLong.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(tooLong.path("id").asInt()).as("the id, read from the start of the line").isEqualTo(201);
        // still serving
        send("{\"jsonrpc\":\"2.0\",\"id\":202,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"text\":\"ok\"}}}");
        assertThat(receive().path("result").path("structuredContent").path("echoed").asString()).isEqualTo("ok");
    }

    @Test
    void argumentsAreValidatedByTheToolsNotByTheSdk() throws IOException {
        // The SDK's check answers with one line per bad item, unbounded; the catalogue's answers stay in budget.
        initialize();
        send("{\"jsonrpc\":\"2.0\",\"id\":300,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"text\":5}}}");
        JsonNode answer = receive();
        assertThat(answer.toString()).doesNotContain("input validation failed");
        assertThat(catalog.calls).hasValue(1);
    }

    @Test
    void listsToolsWithHints() throws IOException {
        initialize();
        send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
        JsonNode tools = receive().path("result").path("tools");
        assertThat(tools).hasSize(3);
        assertThat(tools.get(0).path("annotations").path("readOnlyHint").asBoolean()).isTrue();
        assertThat(tools.get(0).path("outputSchema").isObject()).isTrue();
    }

    @Test
    void requestsWrittenJustBeforeEndOfInputAreStillAnswered() throws Exception {
        // A script pipes its requests and closes stdin at once; the SDK drops answers sent after it saw EOF.
        initialize();
        for (int id = 10; id < 15; id++) {
            send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"text\":\"n" + id + "\"}}}");
        }
        clientOut.close();
        java.util.Set<Integer> answered = new java.util.TreeSet<>();
        for (int i = 0; i < 5; i++) {
            answered.add(receive().path("id").asInt());
        }
        assertThat(answered).containsExactly(10, 11, 12, 13, 14);
        assertThat(server.awaitEndOfInput(5000)).isTrue();
    }

    /** The SDK holds a request sent before notifications/initialized for good: it is refused at once instead. */
    @Test
    void requestsBeforeTheSessionIsInitializedAreRefusedNotHeld() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}");
        assertThat(receive().path("result").has("serverInfo")).isTrue();
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        JsonNode refused = receive();
        assertThat(refused.path("id").asInt()).isEqualTo(2);
        assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(refused.path("error").path("message").asString()).contains("notifications/initialized");

        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
        JsonNode tools = receive();
        assertThat(tools.path("id").asInt()).isEqualTo(3);
        assertThat(tools.path("result").path("tools").size()).isPositive();
    }

    @Test
    void endOfInputIsNoticed() throws Exception {
        initialize();
        assertThat(server.awaitEndOfInput(50)).isFalse();
        clientOut.close();
        assertThat(server.awaitEndOfInput(5000)).isTrue();
    }
}
