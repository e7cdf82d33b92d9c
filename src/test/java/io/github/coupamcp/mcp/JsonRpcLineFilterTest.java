package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JsonRpcLineFilterTest {
    private final List<JsonRpcLineFilter.Rejection> rejected = new ArrayList<>();
    private final AtomicInteger eofs = new AtomicInteger();

    private String filter(String input, int maxLine) throws IOException {
        var filter = new JsonRpcLineFilter(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                McpServerFactory.jsonMapper(), new JsonRpcGuard(java.util.List.of("echo")), maxLine, rejected::add,
                eofs::incrementAndGet,
                new AnswerCounter(java.time.Duration.ZERO));
        String out = new String(filter.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(filter.read()).isEqualTo(-1);
        return out;
    }

    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    @Test
    void passesValidMessagesAndDropsBadOnes() throws IOException {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        String out = filter("\n" + INITIALIZED + "\n" + ping + "\r\nnot json at all\n{\"unterminated\": \n\n[1,2]\n",
                1000);

        assertThat(out).isEqualTo(INITIALIZED + "\n" + ping + "\n");
        assertThat(rejected).extracting(JsonRpcLineFilter.Rejection::line)
                .containsExactly("not json at all", "{\"unterminated\": ", "[1,2]");
        assertThat(rejected).extracting(JsonRpcLineFilter.Rejection::code).containsExactly(-32700, -32700, -32600);
        assertThat(eofs).hasValue(1);
    }

    @Test
    void lastLineWithoutNewlineStillCounts() throws IOException {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"}";
        assertThat(filter(INITIALIZED + "\n" + ping, 1000)).isEqualTo(INITIALIZED + "\n" + ping + "\n");
    }

    @Test
    void overlongLineIsRejectedAndReadingGoesOn() throws IOException {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
        String out = filter(INITIALIZED + "\n" + "x".repeat(500) + "\n" + ping + "\n", 100);

        assertThat(out).isEqualTo(INITIALIZED + "\n" + ping + "\n");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).verdict().message()).contains("at most 100 bytes");
        assertThat(rejected.get(0).line()).hasSizeLessThan(100);
    }

    /** The SDK would hold them, unanswered, until notifications/initialized: they are refused at once instead. */
    @Test
    void requestsBeforeNotificationsInitializedAreRefusedButInitializeAndNotificationsPass() throws IOException {
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}";
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
        String cancelled = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9}}";
        String initializedRequest = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"notifications/initialized\"}";
        String out = filter(String.join("\n", initialize, ping, cancelled, initializedRequest, ping, INITIALIZED, ping)
                + "\n", 1000);

        assertThat(out).doesNotContain("\"id\":2,\"method\":\"ping\"}\n{\"jsonrpc\":\"2.0\",\"method\":\"notifications/c")
                .endsWith(INITIALIZED + "\n" + ping + "\n").contains("notifications/cancelled");
        assertThat(rejected).as("a request named notifications/initialized is not the notification").hasSize(3);
        assertThat(rejected).extracting(r -> r.verdict().id().asInt()).containsExactly(2, 3, 2);
        assertThat(rejected.get(0).verdict().answer()).contains("-32600", "notifications/initialized");
    }

    @Test
    void emptyInputIsEndOfInputAtOnce() throws IOException {
        assertThat(filter("", 100)).isEmpty();
        assertThat(eofs).hasValue(1);
        assertThat(rejected).isEmpty();
    }
}
