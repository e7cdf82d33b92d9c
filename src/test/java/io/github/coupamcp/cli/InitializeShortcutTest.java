package io.github.coupamcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.mcp.InitializeShortcut;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The initialize answer shipped in the jar (rendered by the build, see InitializeShortcutWriter) is the one the
 * server gives, for every request it answers, and is only used with the settings it was rendered for.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InitializeShortcutTest {
    private static final Map<String, String> COUPA = Map.of(CoupaConfig.ENV_INSTANCE_URL, "https://acme.example",
            CoupaConfig.ENV_CLIENT_ID, "id", CoupaConfig.ENV_CLIENT_SECRET, "secret");

    private static InitializeShortcut shipped() {
        return InitializeShortcut.shipped().orElseThrow(() -> new AssertionError(
                "no initialize shortcut in target/classes: run mvn process-classes"));
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
            + "\"experimental\":{\"x\":{\"on\":false}}},\"clientInfo\":{\"name\":\"inspector\",\"title\":\"Inspector\","
            + "\"version\":\"0.17.2\"}},\"jsonrpc\":\"2.0\",\"id\":\"req-1:a.b\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":-42,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-03-26\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"Ünïcode client\",\"version\":\"1\"},\"_meta\":{\"k\":[1]}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":123456789012345,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"1999-01-01\",\"capabilities\":{},\"clientInfo\":{\"name\":\"old\",\"version\":\"9\"}}}",
        "  {\"jsonrpc\" : \"2.0\" , \"id\" : 5 , \"method\" : \"initialize\" , \"params\" : {\"protocolVersion\" : "
            + "\"2025-06-18\" , \"capabilities\" : { } , \"clientInfo\" : {\"name\" : \"spaced\" , \"version\" : \"1\"}}}  "})
    void theShortcutAnswersExactlyAsTheServer(String request) throws Exception {
        String early = shipped().answer(request.strip(), "1.2.3").orElseThrow(
                () -> new AssertionError("an ordinary initialize the shortcut should answer: " + request));

        assertThat(early).isEqualTo(InitializeShortcutWriter.serverAnswer(request, "1.2.3"));
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
        "not json"})
    void anythingUnusualIsLeftToTheServer(String request) {
        assertThat(shipped().answer(request, "1.2.3")).isEmpty();
    }

    @Test
    void aServerVersionThatNeedsEscapingIsLeftToTheServer() {
        String request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"n\",\"version\":\"0\"}}}";
        assertThat(shipped().answer(request, "1.0\"}")).isEmpty();
        assertThat(shipped().answer(request, "1.0")).isPresent();
    }

    @Test
    void onlyTheSettingsItWasRenderedForUseIt() {
        assertThat(shipped().selection()).isEqualTo(
                new ServerOptions().apply(ServerConfig.fromEnv(COUPA)).build().toolSelection());
        assertThat(StdioCommand.shortcut(COUPA, false)).isPresent();
        assertThat(StdioCommand.shortcut(Map.of(), true)).as("the sandbox needs no Coupa settings").isPresent();
        for (String setting : new String[] {ServerConfig.ENV_TOOLSETS + "=all", ServerConfig.ENV_TOOLS
                + "=get_invoice", ServerConfig.ENV_EXCLUDE_TOOLS + "=get_invoice", ServerConfig.ENV_READ_ONLY + "=true",
                ServerConfig.ENV_ENABLE_WRITES + "=true", ServerConfig.ENV_DYNAMIC_TOOLSETS + "=true"}) {
            Map<String, String> env = new HashMap<>(COUPA);
            env.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            assertThat(StdioCommand.shortcut(env, false)).as(setting).isEmpty();
        }
    }

    @Test
    void settingsTheServerRefusesAreReportedByItBeforeAnyAnswer() {
        assertThat(StdioCommand.shortcut(Map.of(), false)).as("no Coupa instance").isEmpty();
        Map<String, String> env = new HashMap<>(COUPA);
        env.put(ServerConfig.ENV_RESPONSE_BUDGET, "12");
        assertThat(StdioCommand.shortcut(env, false)).as("a budget below the minimum").isEmpty();
        env = new HashMap<>(COUPA);
        env.put(CoupaConfig.ENV_INSTANCE_URL, "ftp://acme");
        assertThat(StdioCommand.shortcut(env, false)).isEmpty();
    }
}
