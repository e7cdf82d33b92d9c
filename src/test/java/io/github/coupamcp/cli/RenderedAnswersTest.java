package io.github.coupamcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.mcp.RenderedAnswers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The answers shipped in the jar (rendered by the build, see RenderedAnswersWriter) are the ones the server gives, for
 * every request they answer, and are only used with the settings they were rendered for.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RenderedAnswersTest {
    private static final Map<String, String> COUPA = Map.of(CoupaConfig.ENV_INSTANCE_URL, "https://acme.example",
            CoupaConfig.ENV_CLIENT_ID, "id", CoupaConfig.ENV_CLIENT_SECRET, "secret");

    private static RenderedAnswers shipped() {
        return RenderedAnswers.shipped().orElseThrow(() -> new AssertionError(
                "no rendered answers in target/classes: run mvn process-classes"));
    }

    /** What clients send: each protocol version, ids of both kinds, capabilities and client info of every shape. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"0\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2024-11-05\","
            + "\"capabilities\":{\"roots\":{\"listChanged\":true},\"sampling\":{}},\"clientInfo\":{\"name\":\"claude-ai\","
            + "\"version\":\"0.1.0\"}}}",
        "{\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"elicitation\":{},"
            + "\"experimental\":{\"x\":{}}},\"clientInfo\":{\"name\":\"inspector\",\"title\":\"Inspector\","
            + "\"version\":\"0.17.2\"}},\"jsonrpc\":\"2.0\",\"id\":\"req-1:a.b\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":-42,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-03-26\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"Ünïcode client\",\"version\":\"1\"},\"_meta\":{\"k\":[1]}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":123456789012345,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"1999-01-01\",\"capabilities\":{},\"clientInfo\":{\"name\":\"old\",\"version\":\"9\"}}}",
        "  {\"jsonrpc\" : \"2.0\" , \"id\" : 5 , \"method\" : \"initialize\" , \"params\" : {\"protocolVersion\" : "
            + "\"2025-06-18\" , \"capabilities\" : { } , \"clientInfo\" : {\"name\" : \"spaced\" , \"version\" : \"1\"}}}  "})
    void theRenderedAnswersAreExactlyTheServers(String request) throws Exception {
        for (String toolsList : List.of("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"params\":{},\"id\":\"list-1\"}")) {
            List<String> session = List.of(request, RenderedAnswersWriter.INITIALIZED, toolsList);
            List<String> early = earlyAnswers(session);

            assertThat(early).as("both answered early").hasSize(2);
            assertThat(RenderedAnswersWriter.serverAnswers(session, "1.2.3")).containsExactlyInAnyOrderElementsOf(early);
        }
    }

    private static List<String> earlyAnswers(List<String> lines) {
        RenderedAnswers.Session session = shipped().session("1.2.3");
        return lines.stream().map(session::answer).flatMap(Optional::stream)
                .map(RenderedAnswers.Answer::text).toList();
    }

    /** Anything else takes the ordinary path, where the server answers (or refuses) it as it always did. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"a b\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":2025,"
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":[],\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{\"roots\":{\"listChanged\":\"yes\"}},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"n\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"},\"extra\":1}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}",
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}]",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{\"roots\":false},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{\"sampling\":true},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{\"experimental\":{\"on\":false}},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}",
        "\u000b{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}\u2028",
        "not json"})
    void anythingUnusualIsLeftToTheServer(String request) {
        assertThat(earlyAnswers(List.of(request, RenderedAnswersWriter.INITIALIZED,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"))).isEmpty();
    }

    @Test
    void aServerVersionThatNeedsEscapingIsLeftToTheServer() {
        String request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}";
        assertThat(shipped().session("1.0\"}").answer(request)).isEmpty();
        assertThat(shipped().session("1.0").answer(request)).isPresent();
    }

    @Test
    void onlyTheSettingsItWasRenderedForUseIt() {
        assertThat(shipped().selection()).isEqualTo(
                new ServerOptions().apply(ServerConfig.fromEnv(COUPA)).build().toolSelection());
        assertThat(StdioStart.renderedAnswers(COUPA, false)).isPresent();
        assertThat(StdioStart.renderedAnswers(Map.of(), true)).as("the sandbox needs no Coupa settings").isPresent();
        for (String setting : new String[] {ServerConfig.ENV_TOOLSETS + "=all", ServerConfig.ENV_TOOLS
                + "=get_invoice", ServerConfig.ENV_EXCLUDE_TOOLS + "=get_invoice", ServerConfig.ENV_READ_ONLY + "=true",
                ServerConfig.ENV_ENABLE_WRITES + "=true", ServerConfig.ENV_DYNAMIC_TOOLSETS + "=true"}) {
            Map<String, String> env = new HashMap<>(COUPA);
            env.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            assertThat(StdioStart.renderedAnswers(env, false)).as(setting).isEmpty();
        }
    }

    @Test
    void settingsTheServerRefusesAreReportedByItBeforeAnyAnswer() {
        assertThat(StdioStart.renderedAnswers(Map.of(), false)).as("no Coupa instance").isEmpty();
        Map<String, String> env = new HashMap<>(COUPA);
        env.put(ServerConfig.ENV_RESPONSE_BUDGET, "12");
        assertThat(StdioStart.renderedAnswers(env, false)).as("a budget below the minimum").isEmpty();
        env = new HashMap<>(COUPA);
        env.put(CoupaConfig.ENV_INSTANCE_URL, "ftp://acme");
        assertThat(StdioStart.renderedAnswers(env, false)).isEmpty();
    }
}
